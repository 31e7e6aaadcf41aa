namespace RouteShadow.Core.Engines.GoModel;

/// <summary>How a pool picks its primary (<c>routing.defaults.strategy</c>); global, never per pool.</summary>
public enum PoolStrategy
{
    PriorityFailover,
    WeightedRoundRobin,
}

/// <summary>One member of a canonical model pool; its identity is <see cref="Qualified"/>.</summary>
public sealed record PoolCandidate(string Provider, string Model, int Priority, int Weight)
{
    /// <summary><c>provider/model</c>: the name GoModel keys counters, pins and state by.</summary>
    public string Qualified => $"{Provider}/{Model}";
}

/// <summary>A canonical model name and the concrete candidates that serve it, in declaration order.</summary>
public sealed record ModelPool(string Canonical, IReadOnlyList<PoolCandidate> Candidates);

/// <summary><c>routing.defaults.failover</c>: when a failed primary is followed by its fallbacks. Equal by value, status list included.</summary>
public sealed record FailoverSettings(bool Enabled, int MaxAttempts, IReadOnlyList<int> RetryOnStatuses, bool RetryOnModelErrors)
{
    public static IReadOnlyList<int> DefaultStatuses { get; } = [429, 500, 502, 503, 504];

    public static FailoverSettings Default { get; } = new(true, 3, DefaultStatuses, true);

    public bool Equals(FailoverSettings? other) =>
        other is not null && Enabled == other.Enabled && MaxAttempts == other.MaxAttempts
        && RetryOnStatuses.SequenceEqual(other.RetryOnStatuses) && RetryOnModelErrors == other.RetryOnModelErrors;

    public override int GetHashCode() => HashCode.Combine(Enabled, MaxAttempts, RetryOnStatuses.Count, RetryOnModelErrors);
}

/// <summary><c>routing.defaults</c>, after normalisation.</summary>
public sealed record RoutingDefaults(PoolStrategy Strategy, bool SessionAffinity, long SessionAffinityTtlMs, FailoverSettings Failover)
{
    public const long DefaultTtlMs = 30 * 60 * 1000;

    public static RoutingDefaults Default { get; } = new(PoolStrategy.PriorityFailover, true, DefaultTtlMs, FailoverSettings.Default);
}

/// <summary>
/// GoModel's <c>routing</c> block (spec B.1), normalised and validated: the defaults and the pools,
/// sorted by canonical name (the order validation and the model listing walk them in).
/// </summary>
public sealed record GoModelConfig(RoutingDefaults Defaults, IReadOnlyList<ModelPool> Pools)
{
    public ModelPool? Pool(string canonical) => Pools.FirstOrDefault(p => p.Canonical == canonical);

    /// <summary>Every provider some pool names, sorted.</summary>
    public IReadOnlyList<string> Providers =>
        [.. Pools.SelectMany(p => p.Candidates).Select(c => c.Provider).Distinct().Order(StringComparer.Ordinal)];
}
