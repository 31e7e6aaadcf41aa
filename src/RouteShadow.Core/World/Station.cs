using System.Globalization;

namespace RouteShadow.Core.World;

/// <summary>
/// A station (codex-helper's <c>ServiceConfig</c>): a named, ordered list of upstreams. The list
/// index is the "upstream index" used by both engines. A station's identity — the key of its
/// load-balancer state — is its name.
/// </summary>
public sealed class Station
{
    private LayoutSignature? _signature;

    public Station(string name, IReadOnlyList<Upstream> upstreams)
    {
        Name = name;
        Upstreams = upstreams;
    }

    public string Name { get; }

    public IReadOnlyList<Upstream> Upstreams { get; }

    /// <summary>The layout signature the load balancer keys this station's state vectors by (computed once).</summary>
    public LayoutSignature Signature => _signature ??= LayoutSignature.Of(Name, Upstreams);

    /// <summary><c>provider_id</c> tag, or <c>"{station}#{index}"</c>.</summary>
    public string ProviderIdAt(int index) => Upstreams[index].ProviderIdTag ?? DefaultProviderId(Name, index);

    /// <summary><c>endpoint_id</c> tag, or the decimal index.</summary>
    public string EndpointIdAt(int index) => Upstreams[index].EndpointIdTag ?? DefaultEndpointId(index);

    public static string DefaultProviderId(string stationName, int index) =>
        stationName + "#" + index.ToString(CultureInfo.InvariantCulture);

    public static string DefaultEndpointId(int index) => index.ToString(CultureInfo.InvariantCulture);

    public Station WithName(string name) => new(name, Upstreams);

    public Station WithUpstreams(IReadOnlyList<Upstream> upstreams) => new(Name, upstreams);

    public override string ToString() => $"{Name} ({Upstreams.Count} upstreams)";
}
