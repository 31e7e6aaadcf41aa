using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Testing;

/// <summary>
/// Compares codex-helper's engines on a scenario at one fixed instant. Scenario times are
/// relative to the clock, so the instant changes nothing; fixing it keeps every run reproducible
/// without reading the wall clock.
/// </summary>
internal static class ScenarioShadow
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const long NowMs = 1_767_225_600_000;

    public static ShadowComparison Compare(Scenario scenario) =>
        ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, NowMs));
}
