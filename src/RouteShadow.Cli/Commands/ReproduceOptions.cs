using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>Which engines <c>routeshadow reproduce</c> drives.</summary>
internal enum EngineChoice
{
    Legacy,
    Executor,
    Both,
}

/// <summary>What <c>routeshadow reproduce</c> was asked to do.</summary>
internal sealed record ReproduceOptions(string Scenario, EngineChoice Engines, OutputFormat Format, bool KeepRunning, string? TraceOut);
