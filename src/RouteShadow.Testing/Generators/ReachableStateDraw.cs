using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Testing.Generators;

/// <summary>
/// Draws a recorded state the way production reaches one: a history of real outcomes run through
/// the load balancer itself (successes, failures with backoff, penalties, clock advances),
/// usage-exhaustion flags set as codex-helper's usage poller sets them, and sometimes a layout
/// change — history recorded under an older upstream list, which the engines then migrate.
/// </summary>
internal static class ReachableStateDraw
{
    public static ScenarioState? State(SplitMix64 rng, Station station, WorldLimits limits)
    {
        if (rng.Chance(25))
        {
            return null; // never touched
        }

        IReadOnlyList<Upstream>[] layouts = rng.Below(10) switch
        {
            < 7 => [station.Upstreams],
            < 9 => [WorldDraw.OlderLayout(rng, station)],
            _ => [WorldDraw.OlderLayout(rng, station), station.Upstreams],
        };

        var states = new LbStateMap();
        var nowMs = 0L;
        foreach (var layout in layouts)
        {
            var balancer = new LoadBalancer(station.WithUpstreams(layout), states);
            for (var step = 1 + rng.Below(limits.HistorySteps); step > 0; step--)
            {
                Step(rng, balancer, ref nowMs);
            }
        }

        var recordedUnder = layouts[^1];
        var state = new LoadBalancer(station.WithUpstreams(recordedUnder), states).LaidOutState();
        return RecordedState.Of(state, nowMs, ReferenceEquals(recordedUnder, station.Upstreams) ? null : recordedUnder);
    }

    private static void Step(SplitMix64 rng, LoadBalancer balancer, ref long nowMs)
    {
        var upstreams = balancer.Station.Upstreams.Count;
        if (upstreams > 0 && rng.Chance(20))
        {
            PollUsage(rng, balancer.LaidOutState());
            return;
        }

        switch (EventDraw.Event(rng, upstreams))
        {
            case RecordEvent record:
                balancer.RecordResult(record.Index, record.Success, record.CooldownSecs, record.Backoff, nowMs);
                break;
            case PenalizeEvent penalize:
                balancer.Penalize(penalize.Index, penalize.CooldownSecs, penalize.Backoff, nowMs);
                break;
            case AdvanceEvent advance:
                nowMs += advance.Ms;
                break;
        }
    }

    /// <summary>A usage poll: every upstream of the station is marked exhausted or not.</summary>
    private static void PollUsage(SplitMix64 rng, LbState state)
    {
        for (var i = 0; i < state.UsageExhausted.Length; i++)
        {
            state.UsageExhausted[i] = rng.Chance(50);
        }
    }
}
