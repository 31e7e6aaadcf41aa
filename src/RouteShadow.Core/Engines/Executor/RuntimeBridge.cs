using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// Builds the executor's runtime view from the legacy load-balancer states
/// (codex-helper <c>route_plan_runtime_state_from_lbs</c>).
/// </summary>
public static class RuntimeBridge
{
    /// <summary>
    /// Reads each station's state, in order, laid out for its current upstreams. The reference
    /// writes each re-laid-out state back to its live map, so a repeated station sees the layout its
    /// previous occurrence left; that sequence is kept here on private copies, and
    /// <paramref name="states"/> is never changed. Expired cooldowns are modelled, not written back.
    /// Keys collide across stations (last write wins); the affinity is the first station's last-good upstream.
    /// </summary>
    public static RoutePlanRuntimeState FromLoadBalancers(
        string serviceName,
        IReadOnlyList<Station> stations,
        LbStateMap states,
        long nowMs,
        IReadOnlyDictionary<string, UpstreamOverride>? overrides = null)
    {
        var runtime = new RoutePlanRuntimeState(stations.Sum(s => s.Upstreams.Count));
        var laidOut = new Dictionary<string, LbState>(StringComparer.Ordinal);
        for (var stationIndex = 0; stationIndex < stations.Count; stationIndex++)
        {
            var station = stations[stationIndex];
            if (!laidOut.TryGetValue(station.Name, out var previous))
            {
                states.TryGet(station.Name, out previous);
            }

            var state = LbState.ReadLaidOut(previous, station.Signature);
            laidOut[station.Name] = state;
            for (var i = 0; i < station.Upstreams.Count; i++)
            {
                var key = new ProviderEndpointKey(serviceName, station.ProviderIdAt(i), station.EndpointIdAt(i));
                var cooldownUntil = state.CooldownUntil[i];
                var expired = cooldownUntil is { } until && nowMs >= until;
                runtime[key] = new UpstreamRuntimeState(
                    RuntimeDisabled: OverrideFor(serviceName, station.Upstreams[i], overrides).DisablesUpstream,
                    FailureCount: expired ? 0 : state.FailureCounts[i],
                    CooldownActive: cooldownUntil is not null && !expired,
                    UsageExhausted: state.UsageExhausted[i],
                    MissingAuth: false);

                if (state.LastGoodIndex == i && runtime.AffinityProviderEndpoint is null)
                {
                    runtime.SetAffinity(key);
                }
            }
        }

        return runtime;
    }

    /// <summary>The override by stable key (only for upstreams tagged with both ids), else by base URL.</summary>
    private static UpstreamOverride OverrideFor(
        string serviceName, Upstream upstream, IReadOnlyDictionary<string, UpstreamOverride>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return default;
        }

        if (upstream.ProviderIdTag is { } pid && upstream.EndpointIdTag is { } eid
            && overrides.TryGetValue(new ProviderEndpointKey(serviceName, pid, eid).StableKey, out var byKey))
        {
            return byKey;
        }

        return overrides.GetValueOrDefault(upstream.BaseUrl);
    }
}
