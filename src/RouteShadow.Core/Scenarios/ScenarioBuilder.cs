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
        var states = new LbStateMap(stations.Length);
        for (var i = 0; i < stations.Length; i++)
        {
            var station = scenario.Stations[i];
            stations[i] = station.Station;
            if (station.State is { } recorded)
            {
                states.Set(station.Station.Name, StateOf(station.Station, recorded, nowMs));
            }
        }

        for (var i = 0; i < stations.Length; i++)
        {
            var events = scenario.Stations[i].Events;
            if (events.Count == 0)
            {
                continue;
            }

            var balancer = new LoadBalancer(stations[i], states);
            for (var eventIndex = 0; eventIndex < events.Count; eventIndex++)
            {
                Apply(balancer, states, events[eventIndex], nowMs);
            }
        }

        return new RoutingQuestion(scenario.Service, stations, states, scenario.Request.Model, nowMs);
    }

    private static LbState StateOf(Station station, ScenarioState recorded, long nowMs)
    {
        var layout = recorded.Layout is { } upstreams ? LayoutSignature.Of(station.Name, upstreams) : station.Signature;
        // Copies: events write to the question's state, and the scenario may be built again.
        var state = LbState.Recorded(
            layout,
            recorded.FailureCounts is { } counts ? [.. counts] : null,
            recorded.CooldownRemainingMs is { } remaining ? CooldownDeadlines(remaining, nowMs) : null,
            recorded.UsageExhausted is { } exhausted ? [.. exhausted] : null,
            recorded.PenaltyStreak is { } streaks ? [.. streaks] : null);
        state.LastGoodIndex = recorded.LastGoodIndex;
        return state;
    }

    /// <summary>Cooldown deadlines on the scenario clock; an expired cooldown ends just before now.</summary>
    private static long?[] CooldownDeadlines(long?[] remainingMs, long nowMs)
    {
        var deadlines = new long?[remainingMs.Length];
        for (var i = 0; i < deadlines.Length; i++)
        {
            deadlines[i] = remainingMs[i] switch
            {
                null => null,
                > 0 and var ms => nowMs + ms,
                _ => nowMs - 1,
            };
        }

        return deadlines;
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
                states.ShiftCooldowns(advance.Ms);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenarioEvent), scenarioEvent, "unknown scenario event");
        }
    }
}
