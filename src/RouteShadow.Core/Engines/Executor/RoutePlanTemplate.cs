using RouteShadow.Core.World;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// An ordered candidate list with its affinity policy (codex-helper <c>RoutePlanTemplate</c>).
/// The legacy compiler turns stations into candidates one upstream at a time.
/// </summary>
public sealed class RoutePlanTemplate
{
    /// <summary><c>RoutePlanTemplate.entry</c> and the first element of every legacy route path.</summary>
    public const string LegacyEntry = Station.LegacyRouteEntry;

    /// <summary>The compatibility station of candidates that name none (v4 templates).</summary>
    public const string CompatibilityStationFallback = "routing";

    // A template spans a handful of stations and is asked for one on every selection: a short
    // list scanned by name (usually the same string instance) beats hashing the name.
    private readonly List<(string Station, List<RouteCandidate> Candidates)> _byStation = [];

    public RoutePlanTemplate(
        string serviceName,
        string entry,
        AffinityPolicy affinityPolicy,
        IReadOnlyList<RouteCandidate> candidates,
        string? compatibilityStationName = null,
        ulong? fallbackTtlMs = null,
        ulong? reprobePreferredAfterMs = null)
    {
        ServiceName = serviceName;
        Entry = entry;
        AffinityPolicy = affinityPolicy;
        Candidates = candidates;
        CompatibilityStationName = compatibilityStationName;
        FallbackTtlMs = fallbackTtlMs;
        ReprobePreferredAfterMs = reprobePreferredAfterMs;

        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (candidate.StableIndex != i)
            {
                throw new ArgumentException($"Candidate {i} has stable index {candidate.StableIndex}; stable indices must count from 0 in order.", nameof(candidates));
            }

            var station = CompatStation(candidate);
            if (FindStation(station) is not { } list)
            {
                list = [];
                _byStation.Add((station, list));
            }

            list.Add(candidate);
        }
    }

    public string ServiceName { get; }

    public string Entry { get; }

    public AffinityPolicy AffinityPolicy { get; }

    public IReadOnlyList<RouteCandidate> Candidates { get; }

    /// <summary>Set only when the legacy stations had exactly one distinct name.</summary>
    public string? CompatibilityStationName { get; }

    public ulong? FallbackTtlMs { get; }

    public ulong? ReprobePreferredAfterMs { get; }

    /// <summary>Provider ids in candidate order.</summary>
    public IEnumerable<string> ExpandedProviderOrder => Candidates.Select(c => c.ProviderId);

    /// <summary>
    /// codex-helper <c>compile_legacy_route_plan_template</c>: one candidate per upstream, stations in
    /// order, policy <see cref="AffinityPolicy.FallbackSticky"/> with no windows. No validation:
    /// duplicate keys, empty stations and repeated station names are all accepted.
    /// </summary>
    public static RoutePlanTemplate CompileLegacy(string serviceName, IReadOnlyList<Station> stations)
    {
        var candidates = new RouteCandidate[RoutingQuestion.CountUpstreams(stations)];
        var count = 0;
        for (var stationIndex = 0; stationIndex < stations.Count; stationIndex++)
        {
            var station = stations[stationIndex];
            for (var i = 0; i < station.Upstreams.Count; i++)
            {
                var providerId = station.ProviderIdAt(i);
                candidates[count] = new RouteCandidate(
                    new ProviderEndpointKey(serviceName, providerId, station.EndpointIdAt(i)),
                    station.Upstreams[i],
                    station.RoutePathAt(i),
                    PreferenceGroup: 0,
                    StableIndex: count,
                    station.Name,
                    i);
                count++;
            }
        }

        return new RoutePlanTemplate(
            serviceName,
            LegacyEntry,
            AffinityPolicy.FallbackSticky,
            candidates,
            SoleName(stations));
    }

    /// <summary>The stations' one distinct name, or null when there are none or several.</summary>
    private static string? SoleName(IReadOnlyList<Station> stations)
    {
        if (stations.Count == 0)
        {
            return null;
        }

        var name = stations[0].Name;
        for (var stationIndex = 1; stationIndex < stations.Count; stationIndex++)
        {
            if (!string.Equals(stations[stationIndex].Name, name, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return name;
    }

    /// <summary>The candidate's station: its own, else the template's, else <c>routing</c>.</summary>
    public string CompatStation(RouteCandidate candidate) =>
        candidate.CompatibilityStationName ?? CompatibilityStationName ?? CompatibilityStationFallback;

    /// <summary>The candidate's index inside its station, else its stable index.</summary>
    public static int CompatIndex(RouteCandidate candidate) =>
        candidate.CompatibilityUpstreamIndex ?? candidate.StableIndex;

    /// <summary>The candidates whose compatibility station is <paramref name="stationName"/>, in order.</summary>
    public IReadOnlyList<RouteCandidate> CandidatesOf(string stationName) => FindStation(stationName) ?? [];

    public SelectedUpstream SelectedUpstreamFor(RouteCandidate candidate) =>
        new(CompatStation(candidate), CompatIndex(candidate), candidate);

    private List<RouteCandidate>? FindStation(string stationName)
    {
        for (var i = 0; i < _byStation.Count; i++)
        {
            if (string.Equals(_byStation[i].Station, stationName, StringComparison.Ordinal))
            {
                return _byStation[i].Candidates;
            }
        }

        return null;
    }
}
