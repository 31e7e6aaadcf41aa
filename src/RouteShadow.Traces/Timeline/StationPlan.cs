using RouteShadow.Core.World;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.ControlTrace;

namespace RouteShadow.Traces.Timeline;

/// <summary>Where a request's station list came from.</summary>
public enum PlanSource
{
    /// <summary>The request's <c>lbs_for_request</c> event: the order production used.</summary>
    Trace,

    /// <summary>The config's own station plan (no trace event for the request): exact only if no admin override or balance change intervened.</summary>
    Config,
}

/// <summary>The stations a request was offered, in order, as the engines see them (after runtime-override filtering).</summary>
public sealed record StationPlan(IReadOnlyList<Station> Stations, PlanSource Source, ServiceRouting Routing)
{
    public Station? Find(string name) => Stations.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// Rebuilds a request's plan from a config and, when the trace has one, the request's station
    /// selection. Fails with a reason when the two disagree: a station the config does not have, a
    /// different number of routable upstreams, a route-graph candidate the config does not define.
    /// </summary>
    internal static (StationPlan? Plan, string? Problem) Resolve(ServiceRouting routing, StationSelection? selection, RuntimeOverrides overrides, long atMs)
    {
        if (selection is null)
        {
            var plan = routing.DefaultPlan().Select(s => Filtered(s, overrides, atMs, pinned: false)).ToList();
            return (new StationPlan(plan, PlanSource.Config, routing), null);
        }

        if (selection.IsRouteGraph != (routing.Mode == RoutingMode.RouteGraph))
        {
            return (null, selection.IsRouteGraph ? "the trace shows a route graph but the config has stations" : "the trace shows stations but the config is a route graph");
        }

        return selection.IsRouteGraph ? FromCandidates(routing, selection) : FromStations(routing, selection, overrides, atMs);
    }

    private static (StationPlan?, string?) FromStations(ServiceRouting routing, StationSelection selection, RuntimeOverrides overrides, long atMs)
    {
        var pinned = selection.Mode == "pinned";
        var stations = new List<Station>();
        foreach (var planned in selection.Stations)
        {
            if (routing.Find(planned.Name) is not { } configured)
            {
                return (null, $"station '{planned.Name}' is not in the config");
            }

            var station = Filtered(configured.Station, overrides, atMs, pinned);
            if (planned.Upstreams is { } count && count != station.Upstreams.Count)
            {
                return (null, $"station '{planned.Name}' has {count} routable upstreams in the trace but {station.Upstreams.Count} in the config");
            }

            stations.Add(station);
        }

        return (new StationPlan(stations, PlanSource.Trace, routing), null);
    }

    /// <summary>The compatibility station, narrowed and ordered to the candidates the request was compiled to.</summary>
    private static (StationPlan?, string?) FromCandidates(ServiceRouting routing, StationSelection selection)
    {
        if (selection.Candidates.Count == 0)
        {
            return (new StationPlan([], PlanSource.Trace, routing), null);
        }

        var compatibility = routing.Stations[0].Station;
        var upstreams = new List<Upstream>();
        foreach (var candidate in selection.Candidates)
        {
            var match = compatibility.Upstreams.FirstOrDefault(u =>
                u.ProviderIdTag == candidate.ProviderId && u.EndpointIdTag == candidate.EndpointId);
            if (match is null)
            {
                return (null, $"route-graph candidate '{candidate.ProviderEndpointKey}' is not in the config");
            }

            upstreams.Add(match);
        }

        return (new StationPlan([new Station(compatibility.Name, upstreams)], PlanSource.Trace, routing), null);
    }

    private static Station Filtered(Station station, RuntimeOverrides overrides, long atMs, bool pinned)
    {
        var kept = overrides.Filter(station.Upstreams, atMs, pinned);
        return ReferenceEquals(kept, station.Upstreams) || kept.Count == station.Upstreams.Count ? station : new Station(station.Name, kept);
    }
}
