using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Testing;

/// <summary>Converts between a load balancer's live state and the recorded <c>state</c> of a scenario file.</summary>
internal static class RecordedState
{
    /// <summary>The state as a scenario records it at <paramref name="nowMs"/>: cooldown deadlines become time left.</summary>
    public static ScenarioState Of(LbState state, long nowMs, IReadOnlyList<Upstream>? layout) => new(
        [.. state.FailureCounts],
        [.. state.CooldownUntil.Select(until => until - nowMs)],
        [.. state.UsageExhausted],
        [.. state.PenaltyStreak],
        state.LastGoodIndex,
        layout);

    /// <summary>The live state a station's recorded state stands for at <paramref name="nowMs"/>, exactly as the scenario builder makes it.</summary>
    public static LbState Live(Station station, ScenarioState recorded, long nowMs)
    {
        var alone = new Scenario("", Scenario.DefaultService, new ScenarioRequest(null), [new ScenarioStation(station, recorded, [])]);
        ScenarioBuilder.Build(alone, nowMs).States.TryGet(station.Name, out var state);
        return state;
    }
}
