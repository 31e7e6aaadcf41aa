namespace RouteShadow.Core.Engines;

/// <summary>What an engine did with one upstream in its attempt walk.</summary>
public enum AttemptDecision
{
    /// <summary><c>selected</c>: the upstream would be tried.</summary>
    Selected,

    /// <summary><c>skipped_capability_mismatch</c>: passed over because it does not serve the model.</summary>
    SkippedCapabilityMismatch,
}

/// <summary>
/// One entry of an engine's attempt list, with the fields and meanings of codex-helper's
/// <c>RouteExecutorShadowAttempt</c>. Two attempts are equal when every field is equal.
/// </summary>
public sealed record ShadowAttempt(
    AttemptDecision Decision,
    string StationName,
    int UpstreamIndex,
    string UpstreamBaseUrl,
    string? ProviderId,
    string? EndpointId,
    IReadOnlyList<string> RoutePath,
    IReadOnlyList<int> AvoidForStation,
    int AvoidedTotal,
    int TotalUpstreams,
    string? Reason)
{
    /// <summary>The reason code on capability skips.</summary>
    public const string UnsupportedModel = "unsupported_model";

    /// <summary><c>station#index</c>, for messages and tables.</summary>
    public string UpstreamRef => $"{StationName}#{UpstreamIndex}";

    public bool Equals(ShadowAttempt? other) =>
        other is not null
        && Decision == other.Decision
        && UpstreamIndex == other.UpstreamIndex
        && AvoidedTotal == other.AvoidedTotal
        && TotalUpstreams == other.TotalUpstreams
        && string.Equals(StationName, other.StationName, StringComparison.Ordinal)
        && string.Equals(UpstreamBaseUrl, other.UpstreamBaseUrl, StringComparison.Ordinal)
        && string.Equals(ProviderId, other.ProviderId, StringComparison.Ordinal)
        && string.Equals(EndpointId, other.EndpointId, StringComparison.Ordinal)
        && string.Equals(Reason, other.Reason, StringComparison.Ordinal)
        && RoutePath.SequenceEqual(other.RoutePath, StringComparer.Ordinal)
        && AvoidForStation.SequenceEqual(other.AvoidForStation);

    public override int GetHashCode() => HashCode.Combine(Decision, StationName, UpstreamIndex, AvoidedTotal);
}
