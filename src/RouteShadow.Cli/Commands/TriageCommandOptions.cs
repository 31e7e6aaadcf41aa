using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow triage</c> was asked to do.</summary>
/// <param name="Since">As typed: a time, unix milliseconds or a duration back from now; parsed by the handler, which owns the clock.</param>
/// <param name="Interval">Between two summaries of a follow.</param>
internal sealed record TriageCommandOptions(
    string Trace, string? Config, string Out, string? Since, OutputFormat Format, bool Follow, TimeSpan Interval);
