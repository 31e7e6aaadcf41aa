namespace RouteShadow.Core.Engines.GoModel;

/// <summary>A <c>routing</c> block as written, before normalisation: null means the key was left out.</summary>
public sealed record RawRoutingConfig(
    string? Strategy,
    bool? SessionAffinity,
    long? SessionAffinityTtlMs,
    bool? FailoverEnabled,
    int? MaxAttempts,
    IReadOnlyList<int>? RetryOnStatuses,
    bool? RetryOnModelErrors,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<RawCandidate>>> Pools);

/// <summary>A candidate as written; provider and model may be missing or blank.</summary>
public sealed record RawCandidate(string? Provider, string? Model, int Priority, int Weight);

/// <summary>
/// GoModel's <c>loadRoutingConfig</c> over the file loader's defaults (spec B.1): keys left out keep
/// their defaults, durations, counts and status lists are re-defaulted when not positive or empty,
/// and the pools are validated in sorted key order with the reference's messages.
/// </summary>
public static class GoModelConfigLoader
{
    /// <summary>The normalised config, or the first validation error (already path-qualified, as GoModel words it).</summary>
    public static GoModelConfig Load(RawRoutingConfig raw)
    {
        var strategy = (raw.Strategy ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" or "priority_failover" => PoolStrategy.PriorityFailover,
            "weighted_round_robin" => PoolStrategy.WeightedRoundRobin,
            _ => throw new GoModelConfigException("routing.defaults.strategy must be one of: priority_failover, weighted_round_robin"),
        };

        var fallback = RoutingDefaults.Default;
        var failover = new FailoverSettings(
            raw.FailoverEnabled ?? fallback.Failover.Enabled,
            raw.MaxAttempts is > 0 and var attempts ? attempts : fallback.Failover.MaxAttempts,
            raw.RetryOnStatuses is { Count: > 0 } statuses ? statuses : FailoverSettings.DefaultStatuses,
            raw.RetryOnModelErrors ?? fallback.Failover.RetryOnModelErrors);
        var defaults = new RoutingDefaults(
            strategy,
            raw.SessionAffinity ?? fallback.SessionAffinity,
            raw.SessionAffinityTtlMs is > 0 and var ttl ? ttl : RoutingDefaults.DefaultTtlMs,
            failover);
        return new GoModelConfig(defaults, Pools(raw.Pools, strategy));
    }

    private static List<ModelPool> Pools(IReadOnlyList<KeyValuePair<string, IReadOnlyList<RawCandidate>>> raw, PoolStrategy strategy)
    {
        var pools = new List<ModelPool>(raw.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (written, candidates) in raw.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = written.Trim();
            if (key.Length == 0)
            {
                throw new GoModelConfigException("routing.model_pools: model key cannot be empty");
            }

            if (!keys.Add(key))
            {
                throw new GoModelConfigException($"routing.model_pools: duplicate model key after trimming: \"{key}\"");
            }

            pools.Add(new ModelPool(key, Candidates(key, candidates, strategy)));
        }

        // Trimming can reorder keys; the pools are kept in the order of their trimmed names.
        pools.Sort((a, b) => string.CompareOrdinal(a.Canonical, b.Canonical));
        return pools;
    }

    private static List<PoolCandidate> Candidates(string key, IReadOnlyList<RawCandidate> raw, PoolStrategy strategy)
    {
        var at = $"routing.model_pools[\"{key}\"]";
        if (raw.Count == 0)
        {
            throw new GoModelConfigException($"{at}: at least one candidate is required");
        }

        var candidates = new List<PoolCandidate>(raw.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < raw.Count; i++)
        {
            var provider = raw[i].Provider?.Trim() ?? string.Empty;
            var model = raw[i].Model?.Trim() ?? string.Empty;
            if (provider.Length == 0 || model.Length == 0)
            {
                throw new GoModelConfigException($"{at}.candidates[{i}].{(provider.Length == 0 ? "provider" : "model")} is required");
            }

            var candidate = new PoolCandidate(provider, model, raw[i].Priority, raw[i].Weight);
            if (!seen.Add(candidate.Qualified))
            {
                throw new GoModelConfigException($"{at}: duplicate candidate \"{candidate.Qualified}\"");
            }

            if (strategy == PoolStrategy.PriorityFailover && candidate.Priority <= 0)
            {
                throw new GoModelConfigException($"{at}.candidates[{i}].priority must be > 0 for priority_failover");
            }

            if (strategy == PoolStrategy.WeightedRoundRobin && candidate.Weight <= 0)
            {
                throw new GoModelConfigException($"{at}.candidates[{i}].weight must be > 0 for weighted_round_robin");
            }

            candidates.Add(candidate);
        }

        return candidates;
    }
}

/// <summary>A <c>routing</c> block GoModel would refuse to load; the message is GoModel's own.</summary>
public sealed class GoModelConfigException(string message) : Exception(message);
