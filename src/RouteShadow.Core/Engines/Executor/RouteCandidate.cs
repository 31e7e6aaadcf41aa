using RouteShadow.Core.World;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>One upstream as a candidate of a route plan (codex-helper <c>RouteCandidate</c>).</summary>
public sealed record RouteCandidate(
    ProviderEndpointKey Key,
    Upstream Upstream,
    IReadOnlyList<string> RoutePath,
    int PreferenceGroup,
    int StableIndex,
    string? CompatibilityStationName,
    int? CompatibilityUpstreamIndex)
{
    public string ProviderId => Key.ProviderId;

    public string EndpointId => Key.EndpointId;
}

/// <summary>
/// A candidate chosen (or skipped) by the station path, expressed as the legacy
/// <c>SelectedUpstream</c> the shadow reports: its compatibility station and index.
/// </summary>
public sealed record SelectedUpstream(string StationName, int Index, RouteCandidate Candidate);
