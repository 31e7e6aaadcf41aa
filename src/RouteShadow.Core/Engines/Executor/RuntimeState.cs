using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>One provider endpoint's health as the executor sees it (codex-helper <c>RoutePlanUpstreamRuntimeState</c>).</summary>
public readonly record struct UpstreamRuntimeState(
    bool RuntimeDisabled,
    uint FailureCount,
    bool CooldownActive,
    bool UsageExhausted,
    bool MissingAuth)
{
    /// <summary>An active cooldown or a failure count at the threshold.</summary>
    public bool BreakerOpen => CooldownActive || FailureCount >= LoadBalancerConstants.FailureThreshold;

    public bool HardUnavailable => RuntimeDisabled || MissingAuth || BreakerOpen;

    public bool Available(bool requireUsage) => !HardUnavailable && (!requireUsage || !UsageExhausted);
}

/// <summary>
/// The executor's runtime view (codex-helper <c>RoutePlanRuntimeState</c>): health by provider
/// endpoint key — a later write for the same key overwrites — and one global affinity key.
/// An unknown key reads as fully available.
/// </summary>
public sealed class RoutePlanRuntimeState
{
    // A question has a handful of endpoints, each written once and read once per plan: a list
    // scanned in order is smaller than a dictionary and spares hashing three strings per key.
    private readonly List<KeyValuePair<ProviderEndpointKey, UpstreamRuntimeState>> _endpoints;

    /// <param name="capacity">The number of endpoints expected, so that filling the map never regrows it.</param>
    public RoutePlanRuntimeState(int capacity = 0) => _endpoints = new(capacity);

    public ProviderEndpointKey? AffinityProviderEndpoint { get; private set; }

    /// <summary>Stored by codex-helper but never read by selection.</summary>
    public ulong? AffinityLastSelectedAtMs { get; set; }

    /// <summary>The age the reprobe windows are measured against.</summary>
    public ulong? AffinityLastChangedAtMs { get; set; }

    /// <summary>Each key once, in the order first written.</summary>
    public IReadOnlyList<KeyValuePair<ProviderEndpointKey, UpstreamRuntimeState>> ProviderEndpoints => _endpoints;

    public UpstreamRuntimeState this[ProviderEndpointKey key]
    {
        get => IndexOf(key) is var at and >= 0 ? _endpoints[at].Value : default;
        set
        {
            var at = IndexOf(key);
            if (at >= 0)
            {
                _endpoints[at] = new(key, value);
            }
            else
            {
                _endpoints.Add(new(key, value));
            }
        }
    }

    /// <summary>Sets the affinity key and clears both of its timestamps.</summary>
    public void SetAffinity(ProviderEndpointKey key)
    {
        AffinityProviderEndpoint = key;
        AffinityLastSelectedAtMs = null;
        AffinityLastChangedAtMs = null;
    }

    private int IndexOf(ProviderEndpointKey key)
    {
        for (var i = 0; i < _endpoints.Count; i++)
        {
            if (_endpoints[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
