using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Testing.Tests.Support;

/// <summary>Hand-written test data.</summary>
internal static class Some
{
    public static Upstream Upstream(string host, params (string Key, string Value)[] tags) =>
        new($"https://{host}.example/v1", tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));

    public static Scenario Scenario(params ScenarioStation[] stations) =>
        new("test", Core.Scenarios.Scenario.DefaultService, new ScenarioRequest(null), stations);

    public static RecordEvent Success(int index) => new(index, Success: true, LoadBalancerConstants.CooldownSecs, CooldownBackoff.None);

    public static ScenarioState Exhausted(params bool[] flags) => new(null, null, flags, null, null, null);

    /// <summary>
    /// Engines spec S01: one station [a, b], a success on b, both usage-exhausted. Legacy tries
    /// a then b; the executor's affinity keeps b first: <c>exhausted_sticky_upstream</c>.
    /// </summary>
    public static Scenario ExhaustedSticky() => Scenario(
        new ScenarioStation(new Station("routing", [Upstream("a"), Upstream("b")]), Exhausted(true, true), [Success(1)]));
}
