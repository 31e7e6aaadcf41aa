using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// Turns a scenario into the routing question both engines plan from, in the documented order:
/// recorded states laid out and written on the scenario clock, then every station's events in
/// station order. Conformance data depends on this order.
/// </summary>
public static class ScenarioBuilder
{
    /// <summary>Builds the question at the scenario clock's <paramref name="nowMs"/>.</summary>
    public static RoutingQuestion Build(Scenario scenario, long nowMs)
    {
        var stations = new Station[scenario.Stations.Count];
        var states = new LbStateMap();
        for (var i = 0; i < stations.Length; i++)
        {
            var station = scenario.Stations[i];
            stations[i] = station.Station;
            if (station.State is { } recorded)
            {
                states.Set(station.Station.Name, StateOf(station.Station, recorded, nowMs));
            }
        }

        foreach (var station in scenario.Stations)
        {
            var balancer = new LoadBalancer(station.Station, states);
            foreach (var scenarioEvent in station.Events)
            {
                Apply(balancer, states, scenarioEvent, nowMs);
            }
        }

        return new RoutingQuestion(scenario.Service, stations, states, scenario.Request.Model, nowMs);
    }

    private static LbState StateOf(Station station, ScenarioState recorded, long nowMs)
    {
        var layout = recorded.Layout is { } upstreams ? LayoutSignature.Of(station.Name, upstreams) : station.Signature;
        var state = LbState.LaidOutFor(layout);
        state.Overwrite(
            recorded.FailureCounts is { } counts ? [.. counts] : null,
            recorded.CooldownRemainingMs?.Select(ms => ms switch
            {
                null => (long?)null,
                > 0 => nowMs + ms,
                _ => nowMs - 1,
            }).ToArray(),
            recorded.UsageExhausted is { } exhausted ? [.. exhausted] : null,
            recorded.PenaltyStreak is { } streaks ? [.. streaks] : null);
        state.LastGoodIndex = recorded.LastGoodIndex;
        return state;
    }

    /// <summary>
    /// The clock never moves: an advance moves every existing cooldown deadline earlier instead, so
    /// the engines still plan at <c>nowMs</c>.
    /// </summary>
    private static void Apply(LoadBalancer balancer, LbStateMap states, ScenarioEvent scenarioEvent, long nowMs)
    {
        switch (scenarioEvent)
        {
            case RecordEvent record:
                balancer.RecordResult(record.Index, record.Success, record.CooldownSecs, record.Backoff, nowMs);
                break;
            case PenalizeEvent penalize:
                balancer.Penalize(penalize.Index, penalize.CooldownSecs, penalize.Backoff, nowMs);
                break;
            case AdvanceEvent advance:
                foreach (var name in states.StationNames)
                {
                    states.TryGet(name, out var state);
                    state.ShiftCooldowns(advance.Ms);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenarioEvent), scenarioEvent, "unknown scenario event");
        }
    }
}
