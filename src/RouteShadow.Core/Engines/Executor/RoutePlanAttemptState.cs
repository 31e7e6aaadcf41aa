using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// Per-request avoidance on the executor side (codex-helper <c>RoutePlanAttemptState</c>): a set of
/// provider-endpoint keys (route-graph path) and a set of indices per station (station path),
/// independent of each other, with one counter bumped for every new member of either.
/// </summary>
public sealed class RoutePlanAttemptState
{
    private readonly HashSet<ProviderEndpointKey> _avoidedProviderEndpoints = [];
    private readonly Dictionary<string, IndexSet> _avoidByStation = new(StringComparer.Ordinal);

    public int AvoidedTotal { get; private set; }

    public bool AvoidProviderEndpoint(ProviderEndpointKey key) => Count(_avoidedProviderEndpoints.Add(key));

    public bool AvoidUpstream(string stationName, int index)
    {
        if (!_avoidByStation.TryGetValue(stationName, out var set))
        {
            _avoidByStation.Add(stationName, set = new IndexSet());
        }

        return Count(set.Add(index));
    }

    public bool AvoidSelectedUpstream(SelectedUpstream selected) => AvoidUpstream(selected.StationName, selected.Index);

    public bool AvoidsProviderEndpoint(ProviderEndpointKey key) => _avoidedProviderEndpoints.Contains(key);

    public bool AvoidsUpstream(string stationName, int index) =>
        _avoidByStation.TryGetValue(stationName, out var set) && set.Contains(index);

    /// <summary>The station's avoided indices, ascending; empty for a station never touched.</summary>
    public int[] AvoidForStation(string stationName) =>
        _avoidByStation.TryGetValue(stationName, out var set) ? set.ToArray() : [];

    /// <summary>True when the station's <paramref name="total"/> upstreams are all avoided.</summary>
    public bool StationExhausted(string stationName, int total) =>
        _avoidByStation.TryGetValue(stationName, out var set) && set.Exhausts(total);

    private bool Count(bool inserted)
    {
        if (inserted)
        {
            AvoidedTotal++;
        }

        return inserted;
    }
}
