namespace RouteShadow.Cli.Output;

/// <summary>How check results are written to stdout.</summary>
internal enum OutputFormat
{
    /// <summary>One JSON object per input, one per line, in input order.</summary>
    Json,

    /// <summary>Both attempt lists side by side per scenario, then a one-line summary.</summary>
    Table,
}
