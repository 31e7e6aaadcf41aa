using RouteShadow.Cli.Output;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow fuzz</c> was asked to do.</summary>
internal sealed record FuzzCommandOptions(int Cases, ulong Seed, ScenarioMode Mode, string? Out, TimeSpan? TimeLimit, OutputFormat Format, string Engine = "codex-helper");
