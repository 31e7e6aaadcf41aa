using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow check</c> was asked to do: scenario files and folders, or one batch file.</summary>
internal sealed record CheckOptions(IReadOnlyList<string> Paths, string? Batch, OutputFormat Format);
