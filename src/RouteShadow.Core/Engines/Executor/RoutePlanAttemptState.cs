using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// Per-request avoidance on the executor side (codex-helper <c>RoutePlanAttemptState</c>): a set of
/// provider-endpoint keys (route-graph path) and a set of indices per station (station path),
/// independent of each other, with one counter bumped for every new member of either.
/// </summary>
public sealed class RoutePlanAttemptState
{
    // Made on first use: the station path, which the shadow walks, never avoids by key.
    private HashSet<ProviderEndpointKey>? _avoidedProviderEndpoints;

    // A request touches a handful of stations, and they are asked about on every selection:
    // scanning a short list (names are usually the same string instance) beats hashing the name.
    private readonly List<(string StationName, IndexSet Avoided)> _avoidByStation = [];

    public int AvoidedTotal { get; private set; }

    public bool AvoidProviderEndpoint(ProviderEndpointKey key) => Count((_avoidedProviderEndpoints ??= []).Add(key));

    public bool AvoidUpstream(string stationName, int index)
    {
        if (AvoidedBy(stationName) is not { } set)
        {
            set = new IndexSet();
            _avoidByStation.Add((stationName, set));
        }

        return Count(set.Add(index));
    }

    public bool AvoidSelectedUpstream(SelectedUpstream selected) => AvoidUpstream(selected.StationName, selected.Index);

    public bool AvoidsProviderEndpoint(ProviderEndpointKey key) => _avoidedProviderEndpoints?.Contains(key) == true;

    public bool AvoidsUpstream(string stationName, int index) => AvoidedBy(stationName)?.Contains(index) == true;

    /// <summary>The station's avoided indices, ascending; empty for a station never touched.</summary>
    public int[] AvoidForStation(string stationName) => AvoidedBy(stationName)?.ToArray() ?? [];

    /// <summary>True when the station's <paramref name="total"/> upstreams are all avoided.</summary>
    public bool StationExhausted(string stationName, int total) => AvoidedBy(stationName)?.Exhausts(total) == true;

    private IndexSet? AvoidedBy(string stationName)
    {
        for (var i = 0; i < _avoidByStation.Count; i++)
        {
            if (string.Equals(_avoidByStation[i].StationName, stationName, StringComparison.Ordinal))
            {
                return _avoidByStation[i].Avoided;
            }
        }

        return null;
    }

    private bool Count(bool inserted)
    {
        if (inserted)
        {
            AvoidedTotal++;
        }

        return inserted;
    }
}
