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
        var runtime = new RoutePlanRuntimeState(RoutingQuestion.CountUpstreams(stations));
        var laidOut = new LbState[stations.Count];
        for (var stationIndex = 0; stationIndex < stations.Count; stationIndex++)
        {
            var station = stations[stationIndex];
            var state = LbState.ReadLaidOut(PreviousState(stations, laidOut, stationIndex, states), station.Signature);
            laidOut[stationIndex] = state;
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

    /// <summary>
    /// The state a station reads: what its last earlier occurrence laid out, else the snapshot's.
    /// A backward scan, as names repeat rarely and a question has a handful of stations.
    /// </summary>
    private static LbState? PreviousState(IReadOnlyList<Station> stations, LbState[] laidOut, int stationIndex, LbStateMap states)
    {
        var name = stations[stationIndex].Name;
        for (var earlier = stationIndex - 1; earlier >= 0; earlier--)
        {
            if (string.Equals(stations[earlier].Name, name, StringComparison.Ordinal))
            {
                return laidOut[earlier];
            }
        }

        states.TryGet(name, out var stored);
        return stored;
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
