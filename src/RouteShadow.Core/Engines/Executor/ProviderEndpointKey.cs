namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// The executor's identity for an upstream: service, provider id and endpoint id. It is not
/// scoped by station, so two upstreams anywhere in a request with the same ids share runtime
/// state — the source of the key-collision divergences.
/// </summary>
public readonly record struct ProviderEndpointKey(string Service, string ProviderId, string EndpointId)
{
    /// <summary><c>"{service}/{provider_id}/{endpoint_id}"</c>.</summary>
    public string StableKey => string.Concat(Service, "/", ProviderId, "/", EndpointId);

    public override string ToString() => StableKey;
}
