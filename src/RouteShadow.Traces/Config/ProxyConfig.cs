using RouteShadow.Core.World;

namespace RouteShadow.Traces.Config;

/// <summary>How a service's requests choose their upstreams.</summary>
public enum RoutingMode
{
    /// <summary>Legacy stations (the v1 runtime shape and v2): an ordered list of stations per request.</summary>
    Stations,

    /// <summary>A v4/v5 route graph, replayed as its compatibility station <c>routing</c>.</summary>
    RouteGraph,
}

/// <summary>A configured station with what the station plan sorts by.</summary>
/// <param name="Level">1..10, lower first.</param>
public sealed record ConfiguredStation(Station Station, bool Enabled, int Level);

/// <summary>One service's routing world: its mode, its stations and its active station.</summary>
public sealed record ServiceRouting(string Service, RoutingMode Mode, IReadOnlyList<ConfiguredStation> Stations, string? ActiveStation)
{
    /// <summary>The name of the single station a route graph is replayed as.</summary>
    public const string RouteGraphStation = "routing";

    public ConfiguredStation? Find(string name) => Stations.FirstOrDefault(s => s.Station.Name == name);

    /// <summary>
    /// The stations a request is offered when nothing at run time changed them (no admin overrides,
    /// no balance exhaustion), as codex-helper's station plan orders them: eligible stations (enabled,
    /// or the active one, and not empty); on one level, active first then by name; across levels, by
    /// level, then active first, then by name. With none eligible, the active station alone.
    /// </summary>
    public IReadOnlyList<Station> DefaultPlan()
    {
        if (Mode == RoutingMode.RouteGraph)
        {
            return [.. Stations.Select(s => s.Station)];
        }

        var active = ActiveStationName();
        var eligible = Stations.Where(s => (s.Enabled || s.Station.Name == active) && s.Station.Upstreams.Count > 0).ToList();
        if (eligible.Count == 0)
        {
            return Find(active ?? "") is { Station.Upstreams.Count: > 0 } fallback ? [fallback.Station] : [];
        }

        var multiLevel = eligible.Select(s => s.Level).Distinct().Count() > 1;
        return [.. eligible
            .OrderBy(s => multiLevel ? s.Level : 0)
            .ThenBy(s => s.Station.Name == active ? 0 : 1)
            .ThenBy(s => s.Station.Name, StringComparer.Ordinal)
            .Select(s => s.Station)];
    }

    /// <summary>The configured active station if it exists, else the smallest station name.</summary>
    public string? ActiveStationName() =>
        ActiveStation is { } name && Find(name) is not null
            ? name
            : Stations.Select(s => s.Station.Name).Order(StringComparer.Ordinal).FirstOrDefault();
}

/// <summary>A codex-helper config file, mapped to what the engines and the replay need.</summary>
/// <param name="Version">The detected config version; null for the unversioned runtime shape.</param>
public sealed record ProxyConfig(string Source, int? Version, IReadOnlyDictionary<string, ServiceRouting> Services, RetryPolicy Retry)
{
    public ServiceRouting? For(string service) => Services.GetValueOrDefault(service);
}

/// <summary>A config file that cannot be read or mapped; the message names the file and the key.</summary>
public sealed class ConfigException(string message) : Exception(message);
