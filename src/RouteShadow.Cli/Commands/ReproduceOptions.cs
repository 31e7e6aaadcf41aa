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
/// <param name="Proxy">An external proxy to send the request through instead of the built-in loop; null runs the loop.</param>
/// <param name="WriteConfig">Where the codex-helper config for <paramref name="Proxy"/> goes; set exactly when it is.</param>
internal sealed record ReproduceOptions(
    string Scenario, EngineChoice Engines, OutputFormat Format, bool KeepRunning, string? TraceOut, Uri? Proxy = null, string? WriteConfig = null);
