using RouteShadow.Cli.Output;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow fuzz</c> was asked to do.</summary>
/// <param name="Engine">The engine family fuzzed: <c>codex-helper</c> (the default), <c>gomodel</c> or <c>harn</c>.</param>
internal sealed record FuzzCommandOptions(int Cases, ulong Seed, ScenarioMode Mode, string? Out, TimeSpan? TimeLimit, OutputFormat Format, string Engine = "codex-helper");
