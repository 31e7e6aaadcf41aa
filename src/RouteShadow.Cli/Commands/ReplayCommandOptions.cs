using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow replay</c> was asked to do; null paths are found next to the request log.</summary>
/// <param name="Reproduce">How many of the most frequent mismatch signatures get a reproduction scenario under <c>reproduce/</c>.</param>
internal sealed record ReplayCommandOptions(string? Requests, string? Trace, IReadOnlyList<string> Configs, string Out, OutputFormat Format, int Reproduce = 0);
