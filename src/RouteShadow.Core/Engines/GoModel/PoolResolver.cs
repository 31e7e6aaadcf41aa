namespace RouteShadow.Core.Engines.GoModel;

/// <summary>A pool's pick for one resolution: the primary, the fallbacks in the order they are tried, and whether a pin chose it.</summary>
public sealed record PoolResolution(PoolCandidate Primary, IReadOnlyList<PoolCandidate> Fallbacks, bool Pinned);

/// <summary>
/// <c>Resolver.ResolveWithContext</c> for one pool (spec B.4–B.6): eligibility, then a live pin,
/// then the strategy, which advances the counters it is given and stores a new pin.
/// </summary>
public sealed class PoolResolver(GoModelConfig config, GoModelVariant variant)
{
    /// <summary>
    /// Resolves <paramref name="pool"/> for a request whose affinity key is <paramref name="affinityKey"/>
    /// (null: no affinity), selecting with <paramref name="counters"/>. Returns the resolution, or
    /// GoModel's error when the pool cannot serve.
    /// </summary>
    public (PoolResolution? Resolution, string? Error) Resolve(
        ModelPool pool, string? affinityKey, GoModelState state, SortedDictionary<string, long> counters)
    {
        var evaluation = PoolEvaluation.Of(pool, state.Manual, state.Runtime);
        if (!evaluation.CanonicalEnabled)
        {
            return (null, $"canonical model \"{pool.Canonical}\" is disabled");
        }

        var selectable = evaluation.Selectable;
        if (selectable.Count == 0)
        {
            return (null, $"routing pool \"{pool.Canonical}\" has no enabled candidates");
        }

        if (affinityKey is not null && Pinned(affinityKey, selectable, state) is { } pinned)
        {
            // A live pin wins without touching counters, and its expiry is not extended.
            return (new PoolResolution(pinned, [.. selectable.Where(c => c != pinned)], Pinned: true), null);
        }

        var ordered = Ordered(selectable);
        var primary = config.Defaults.Strategy == PoolStrategy.PriorityFailover
            ? ordered[0]
            : variant.Has(GoModelBugs.WeightsDrift) ? ByScore(pool, ordered, counters) : BySmoothWeight(pool, ordered, counters);
        if (affinityKey is not null)
        {
            state.Pins[affinityKey] = new GoModelState.Pin(primary.Qualified, state.NowMs + config.Defaults.SessionAffinityTtlMs);
        }

        return (new PoolResolution(primary, [.. ordered.Where(c => c != primary)], Pinned: false), null);
    }

    /// <summary>
    /// The request's affinity key (B.6): the user path when known, else — at head — the request ID,
    /// which no later request reads again (CR15).
    /// </summary>
    public string? AffinityKey(ModelPool pool, RequestStep request)
    {
        if (!config.Defaults.SessionAffinity)
        {
            return null;
        }

        if (request.UserPath is { Length: > 0 } path)
        {
            return $"{pool.Canonical}|user_path|{path}";
        }

        return variant.Has(GoModelBugs.AffinityUnbounded) && request.RequestId is { Length: > 0 } id ? $"{pool.Canonical}|request_id|{id}" : null;
    }

    /// <summary>The live pin's candidate if it is still selectable; an expired pin is deleted as it is read (the only expiry at head).</summary>
    private static PoolCandidate? Pinned(string key, IReadOnlyList<PoolCandidate> selectable, GoModelState state)
    {
        if (!state.Pins.TryGetValue(key, out var pin))
        {
            return null;
        }

        if (state.NowMs >= pin.ExpiresAtMs)
        {
            state.Pins.Remove(key);
            return null;
        }

        return selectable.FirstOrDefault(c => c.Qualified == pin.Candidate);
    }

    /// <summary>The strategy's order: priority then name, or weight (descending), priority, then name.</summary>
    private List<PoolCandidate> Ordered(IReadOnlyList<PoolCandidate> selectable) => config.Defaults.Strategy == PoolStrategy.PriorityFailover
        ? [.. selectable.OrderBy(c => c.Priority).ThenBy(c => c.Qualified, StringComparer.Ordinal)]
        : [.. selectable.OrderByDescending(c => c.Weight).ThenBy(c => c.Priority).ThenBy(c => c.Qualified, StringComparer.Ordinal)];

    /// <summary>
    /// Head's weighted round robin: the highest <c>weight − picks</c> wins (earliest on a tie) and
    /// its count goes up. Counts never decay, so after the first offset picks alternate (N1).
    /// </summary>
    private static PoolCandidate ByScore(ModelPool pool, List<PoolCandidate> ordered, SortedDictionary<string, long> counters)
    {
        var best = ordered.MaxBy(c => c.Weight - counters.GetValueOrDefault(CounterKey(pool, c)))!;
        counters[CounterKey(pool, best)] = counters.GetValueOrDefault(CounterKey(pool, best)) + 1;
        return best;
    }

    /// <summary>
    /// Smooth weighted round robin: every candidate gains its weight, the highest wins (earliest on a
    /// tie) and gives back the total, so from fresh counters every Σweight picks hold each candidate exactly weight times.
    /// </summary>
    private static PoolCandidate BySmoothWeight(ModelPool pool, List<PoolCandidate> ordered, SortedDictionary<string, long> counters)
    {
        foreach (var candidate in ordered)
        {
            counters[CounterKey(pool, candidate)] = counters.GetValueOrDefault(CounterKey(pool, candidate)) + candidate.Weight;
        }

        var best = ordered.MaxBy(c => counters[CounterKey(pool, c)])!;
        counters[CounterKey(pool, best)] -= ordered.Sum(c => (long)c.Weight);
        return best;
    }

    public static string CounterKey(ModelPool pool, PoolCandidate candidate) => $"{pool.Canonical}|{candidate.Qualified}";
}
