using System.Globalization;

namespace RouteShadow.Core.World;

/// <summary>
/// A station (codex-helper's <c>ServiceConfig</c>): a named, ordered list of upstreams. The list
/// index is the "upstream index" used by both engines. A station's identity — the key of its
/// load-balancer state — is its name.
/// </summary>
public sealed class Station
{
    /// <summary>The first element of every legacy route path.</summary>
    public const string LegacyRouteEntry = "legacy";

    private LayoutSignature? _signature;
    private Identity[]? _identities;

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
    public string ProviderIdAt(int index) => Identities[index].ProviderId;

    /// <summary><c>endpoint_id</c> tag, or the decimal index.</summary>
    public string EndpointIdAt(int index) => Identities[index].EndpointId;

    /// <summary>The legacy route path of an upstream: <c>["legacy", station, provider id]</c>.</summary>
    public IReadOnlyList<string> RoutePathAt(int index) => Identities[index].RoutePath;

    public static string DefaultProviderId(string stationName, int index) =>
        stationName + "#" + index.ToString(CultureInfo.InvariantCulture);

    public static string DefaultEndpointId(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Derived identities, computed once: both engines ask for them on every plan.</summary>
    private Identity[] Identities => _identities ??= DeriveIdentities();

    public Station WithName(string name) => new(name, Upstreams);

    public Station WithUpstreams(IReadOnlyList<Upstream> upstreams) => new(Name, upstreams);

    public override string ToString() => $"{Name} ({Upstreams.Count} upstreams)";

    private Identity[] DeriveIdentities()
    {
        var identities = new Identity[Upstreams.Count];
        for (var i = 0; i < identities.Length; i++)
        {
            var upstream = Upstreams[i];
            var providerId = upstream.ProviderIdTag ?? DefaultProviderId(Name, i);
            identities[i] = new Identity(providerId, upstream.EndpointIdTag ?? DefaultEndpointId(i), [LegacyRouteEntry, Name, providerId]);
        }

        return identities;
    }

    private readonly record struct Identity(string ProviderId, string EndpointId, string[] RoutePath);
}
