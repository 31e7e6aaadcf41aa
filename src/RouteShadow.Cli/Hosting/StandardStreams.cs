namespace RouteShadow.Cli.Hosting;

/// <summary>
/// Where the app writes: machine output to <see cref="Output"/> as bytes (results are UTF-8 JSON,
/// so no text encoder sits in the hot path), logs and errors to <see cref="Error"/>.
/// </summary>
/// <param name="OutputIsTerminal">Whether a person reads <see cref="Output"/>: it picks the default format and colour.</param>
public sealed record StandardStreams(Stream Output, TextWriter Error, bool OutputIsTerminal)
{
    /// <summary>True for the process's own console, whose stderr the Serilog console sink writes to.</summary>
    internal bool IsProcessConsole { get; private init; }

    /// <summary>The process's standard output and error.</summary>
    public static StandardStreams Console() =>
        new(System.Console.OpenStandardOutput(), System.Console.Error, !System.Console.IsOutputRedirected) { IsProcessConsole = true };
}
