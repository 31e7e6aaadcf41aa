using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.GoModel;

/// <summary>
/// Shrinks scenarios with a <c>gomodel</c> section towards the smallest that still fails. Every
/// shrink is a valid scenario file, strictly smaller, biggest cuts first: a step, a pool, a
/// candidate, a reply script or one reply, a state row, pin, counter or runtime snapshot, then a
/// request's hint, user path or request ID, a candidate's priority or weight reset to 1, and the
/// failover and affinity settings reset to their defaults. Shrinks never carry the expect block.
/// </summary>
public static class GoModelShrinker
{
    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        if (scenario.GoModel is not { } section)
        {
            yield break;
        }

        var bare = section with { Expect = null };
        foreach (var smaller in Sections(bare))
        {
            yield return scenario with { Expect = null, GoModel = smaller };
        }
    }

    /// <summary>Greedy shrinking for as long as <paramref name="keeps"/> holds: a local minimum.</summary>
    public static Scenario Minimize(Scenario scenario, Func<Scenario, bool> keeps)
    {
        var current = scenario;
        while (Shrink(current).FirstOrDefault(keeps) is { } smaller)
        {
            current = smaller;
        }

        return current;
    }

    private static IEnumerable<GoModelSection> Sections(GoModelSection s)
    {
        var config = s.Config;
        var state = s.State;
        for (var i = 0; i < s.Steps.Count; i++)
        {
            yield return s with { Steps = Without(s.Steps, i) };
        }

        for (var p = 0; config.Pools.Count > 1 && p < config.Pools.Count; p++)
        {
            yield return s with { Config = config with { Pools = Without(config.Pools, p) } };
        }

        for (var p = 0; p < config.Pools.Count; p++)
        {
            var pool = config.Pools[p];
            for (var c = 0; pool.Candidates.Count > 1 && c < pool.Candidates.Count; c++)
            {
                yield return s with { Config = config with { Pools = Replace(config.Pools, p, pool with { Candidates = Without(pool.Candidates, c) }) } };
            }
        }

        foreach (var (candidate, replies) in s.Replies.ByCandidate)
        {
            yield return s with { Replies = new ScriptedReplies(s.Replies.ByCandidate.Where(r => r.Key != candidate).ToDictionary()) };
            for (var r = 0; replies.Count > 1 && r < replies.Count; r++)
            {
                var shorter = s.Replies.ByCandidate.ToDictionary();
                shorter[candidate] = Without(replies, r);
                yield return s with { Replies = new ScriptedReplies(shorter) };
            }
        }

        for (var i = 0; i < state.RoutingState.Count; i++)
        {
            yield return s with { State = state with { RoutingState = Without(state.RoutingState, i) } };
        }

        for (var i = 0; i < state.Pins.Count; i++)
        {
            yield return s with { State = state with { Pins = Without(state.Pins, i) } };
        }

        foreach (var key in state.Counters.Keys)
        {
            yield return s with { State = state with { Counters = state.Counters.Where(c => c.Key != key).ToDictionary() } };
        }

        foreach (var key in state.ListerCounters.Keys)
        {
            yield return s with { State = state with { ListerCounters = state.ListerCounters.Where(c => c.Key != key).ToDictionary() } };
        }

        foreach (var provider in state.Providers.Keys)
        {
            yield return s with { State = state with { Providers = state.Providers.Where(p => p.Key != provider).ToDictionary() } };
        }

        for (var i = 0; i < s.Steps.Count; i++)
        {
            if (s.Steps[i] is RequestStep request)
            {
                foreach (var simpler in Simpler(request))
                {
                    yield return s with { Steps = Replace(s.Steps, i, simpler) };
                }
            }
        }

        for (var p = 0; p < config.Pools.Count; p++)
        {
            var pool = config.Pools[p];
            for (var c = 0; c < pool.Candidates.Count; c++)
            {
                var candidate = pool.Candidates[c];
                foreach (var unit in UnitRanks(candidate))
                {
                    yield return s with { Config = config with { Pools = Replace(config.Pools, p, pool with { Candidates = Replace(pool.Candidates, c, unit) }) } };
                }
            }
        }

        var defaults = RoutingDefaults.Default with { Strategy = config.Defaults.Strategy };
        if (config.Defaults.Failover != defaults.Failover)
        {
            yield return s with { Config = config with { Defaults = config.Defaults with { Failover = defaults.Failover } } };
        }

        if (config.Defaults.SessionAffinityTtlMs != defaults.SessionAffinityTtlMs)
        {
            yield return s with { Config = config with { Defaults = config.Defaults with { SessionAffinityTtlMs = defaults.SessionAffinityTtlMs } } };
        }
    }

    /// <summary>The candidate with its priority, then its weight, reset to 1 (valid under either strategy).</summary>
    private static IEnumerable<PoolCandidate> UnitRanks(PoolCandidate candidate)
    {
        if (candidate.Priority != 1)
        {
            yield return candidate with { Priority = 1 };
        }

        if (candidate.Weight != 1)
        {
            yield return candidate with { Weight = 1 };
        }
    }

    private static IEnumerable<RequestStep> Simpler(RequestStep request)
    {
        if (request.Provider is not null)
        {
            yield return request with { Provider = null };
        }

        if (request.UserPath is not null)
        {
            yield return request with { UserPath = null };
        }

        if (request.RequestId is not null)
        {
            yield return request with { RequestId = null };
        }
    }

    private static List<T> Without<T>(IReadOnlyList<T> items, int index) => [.. items.Take(index), .. items.Skip(index + 1)];

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, T item) => [.. items.Take(index), item, .. items.Skip(index + 1)];
}
