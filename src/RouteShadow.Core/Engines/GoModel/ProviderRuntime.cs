namespace RouteShadow.Core.Engines.GoModel;

/// <summary>A provider's runtime label; <see cref="Unknown"/> (GoModel's <c>""</c>) is a provider with no snapshot.</summary>
public enum RuntimeStatus
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>
/// What the registry knows about a provider's model inventory (spec B.3): how many models it
/// discovered, the last model-fetch and availability errors, and whether it only has cached models
/// and never fetched successfully. Request outcomes never feed into it.
/// </summary>
public sealed record ProviderRuntime(int Discovered, string? ModelFetchError, string? AvailabilityError, bool CachedOnly)
{
    /// <summary><c>ClassifyProviderRuntime</c>: the first matching rule wins, and an availability error is ignored while models are discovered (CR14).</summary>
    public RuntimeStatus Classify()
    {
        var fetchFailed = ModelFetchError is not null;
        return (Discovered > 0, fetchFailed, AvailabilityError is not null) switch
        {
            (true, false, _) => CachedOnly ? RuntimeStatus.Degraded : RuntimeStatus.Healthy,
            (true, true, _) => RuntimeStatus.Degraded,
            (false, true, _) => RuntimeStatus.Unhealthy,
            (false, false, true) => RuntimeStatus.Unhealthy,
            _ => RuntimeStatus.Degraded,
        };
    }

    /// <summary>The status of <paramref name="provider"/> in <paramref name="snapshots"/>; a provider without one is <see cref="RuntimeStatus.Unknown"/>.</summary>
    public static RuntimeStatus StatusOf(IReadOnlyDictionary<string, ProviderRuntime> snapshots, string provider) =>
        snapshots.TryGetValue(provider, out var runtime) ? runtime.Classify() : RuntimeStatus.Unknown;
}
