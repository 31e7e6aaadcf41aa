using RouteShadow.Core.Engines;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>
/// One control-trace entry: the envelope (codex-helper <c>ControlTraceLogEntry</c>) and its payload
/// read into the record of its event. Lines of the older <c>retry_trace.jsonl</c>, which are bare
/// payloads, read into the same shape. <c>detail</c> is a digest of the payload and is not read.
/// </summary>
/// <param name="TraceId">The payload's <c>trace_id</c>, else <c>"&lt;service&gt;-&lt;request_id&gt;"</c> when there is a request id.</param>
public sealed record TraceEvent(long TsMs, string Kind, string? Service, long? RequestId, string? TraceId, string Name, TracePayload Payload);

/// <summary>The payload of a trace event, one record per event of the catalogue.</summary>
public abstract record TracePayload;

/// <summary>A station (or the route graph's candidate set) in the order a request was offered it.</summary>
/// <param name="Upstreams">How many upstreams it had after runtime-override filtering, when the event says.</param>
public sealed record PlannedStation(string Name, int? Upstreams);

/// <summary>A route-graph candidate as the trace names it.</summary>
public sealed record TraceCandidate(string? ProviderId, string? EndpointId, string? ProviderEndpointKey, int? PreferenceGroup, IReadOnlyList<string> RoutePath);

/// <summary>
/// <c>lbs_for_request</c>: how a request's stations (or route-graph candidates) were chosen. It
/// carries no request id; it is matched to a request by service, session and time.
/// </summary>
public sealed record StationSelection(
    string Mode,
    string? SessionId,
    string? ActiveStation,
    string? PinnedSource,
    string? PinnedName,
    IReadOnlyList<PlannedStation> Stations,
    string? Entry,
    IReadOnlyList<TraceCandidate> Candidates,
    string? Note,
    string? Error) : TracePayload
{
    public const string RouteGraphMode = "v4_route_plan_ir";

    public bool IsRouteGraph => Mode == RouteGraphMode;
}

/// <summary><c>route_target_override_applied</c>: a route-graph request pinned to a target.</summary>
public sealed record RouteTargetOverride(string? SessionId, string? Source, string? Target) : TracePayload;

/// <summary><c>retry_options</c>: the retry plan a request ran under.</summary>
public sealed record RetryOptions(RetryPolicy Policy) : TracePayload;

/// <summary><c>attempt_select</c>: logged before every HTTP attempt, same-upstream retries included.</summary>
public sealed record AttemptSelect(
    int Attempt,
    int? ProviderAttempt,
    int? UpstreamAttempt,
    int? ProviderMaxAttempts,
    int? UpstreamMaxAttempts,
    string? UpstreamBaseUrl,
    string? ProviderId,
    string? EndpointId,
    string? ProviderEndpointKey,
    int? PreferenceGroup,
    string? StationName,
    int? UpstreamIndex,
    IReadOnlyList<int> AvoidForStation,
    IReadOnlyList<int> AvoidedCandidateIndices,
    int? AvoidedTotal,
    int? TotalUpstreams,
    string? Model) : TracePayload;

/// <summary><c>route_executor_shadow_mismatch</c>: production's own shadow diff (v0.14–v0.19, opt-in).</summary>
public sealed record ShadowMismatch(string? RequestModel, IReadOnlyList<ShadowAttempt> LegacyAttempts, IReadOnlyList<ShadowAttempt> ExecutorAttempts) : TracePayload;

/// <summary>A higher-priority candidate passed over, and why.</summary>
public sealed record SkippedCandidate(TraceCandidate Candidate, IReadOnlyList<string> Reasons);

/// <summary><c>route_graph_selection_explain</c>: why a lower preference group was chosen.</summary>
public sealed record SelectionExplain(
    string? RequestModel,
    string? AffinityPolicy,
    string? AffinityProviderEndpointKey,
    bool? SelectedMatchesAffinity,
    TraceCandidate? Selected,
    IReadOnlyList<int> SkippedHigherPriorityGroups,
    IReadOnlyList<SkippedCandidate> SkippedHigherPriorityCandidates) : TracePayload;

/// <summary><c>same_station_exhausted</c> / <c>same_station_failover</c>: a legacy station's avoid set after a failure.</summary>
public sealed record StationFailover(string? StationName, int? UpstreamTotal, IReadOnlyList<int> AvoidedIndices, string? NextAction) : TracePayload;

/// <summary><c>cross_station_failover_blocked</c>: the first station failed and the plan forbids trying the next.</summary>
public sealed record CrossStationFailoverBlocked(
    string? StationName,
    string? ProviderStrategy,
    int? ConfiguredProviderMaxAttempts,
    int? EffectiveProviderMaxAttempts,
    bool? AllowCrossStationBeforeFirstOutput) : TracePayload;

/// <summary>
/// <c>provider_runtime_override</c>: an admin enabled, disabled or changed the state of a provider
/// endpoint. <see cref="RuntimeState"/> is normalised to snake_case (the event writes <c>breakeropen</c>).
/// </summary>
public sealed record ProviderRuntimeOverride(
    string? ProviderName,
    string? EndpointName,
    IReadOnlyList<string> BaseUrls,
    bool? Enabled,
    bool ClearEnabled,
    string? RuntimeState,
    bool ClearRuntimeState) : TracePayload;

/// <summary><c>request_completed</c>: the mirror of a request-log line.</summary>
public sealed record RequestCompleted(RequestRecord Request) : TracePayload;

/// <summary>
/// An outcome event of the pre-0.13 retry trace (<c>attempt_transport_error</c>,
/// <c>attempt_body_read_error</c>, <c>attempt_retryable_failure</c>,
/// <c>attempt_final_retryable_failure</c>, <c>attempt_no_upstream</c>), read leniently.
/// </summary>
public sealed record LegacyAttemptOutcome(string? StationName, string? UpstreamBaseUrl, int? UpstreamIndex, int? StatusCode, string? ErrorClass) : TracePayload;

/// <summary>An event this reader does not know (from a newer codex-helper): kept by name only.</summary>
public sealed record OtherEvent : TracePayload
{
    public static OtherEvent Instance { get; } = new();
}
