using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Engines;

/// <summary>
/// One routing decision to plan: the stations in the order the proxy hands them over, the
/// load-balancer states at one instant, and the request's model. Engines read it and never
/// change it; each plans from its own copy of <see cref="States"/>.
/// </summary>
/// <param name="Service">The proxy service (<c>codex</c> or <c>claude</c>); part of every provider-endpoint key.</param>
/// <param name="Stations">In proxy order. Names are normally unique; a repeat is a known divergence.</param>
/// <param name="States">The state snapshot, keyed by station name.</param>
/// <param name="Model">The model named in the request body, or null for none.</param>
/// <param name="NowMs">The single clock reading both engines plan at, in milliseconds.</param>
public sealed record RoutingQuestion(
    string Service,
    IReadOnlyList<Station> Stations,
    LbStateMap States,
    string? Model,
    long NowMs)
{
    /// <summary>The number of upstreams over all stations (<c>total_upstreams</c>).</summary>
    public int TotalUpstreams => CountUpstreams(Stations);

    /// <summary>The number of upstreams over <paramref name="stations"/> (indexed: no enumerator per plan).</summary>
    public static int CountUpstreams(IReadOnlyList<Station> stations)
    {
        var total = 0;
        for (var stationIndex = 0; stationIndex < stations.Count; stationIndex++)
        {
            total += stations[stationIndex].Upstreams.Count;
        }

        return total;
    }
}
