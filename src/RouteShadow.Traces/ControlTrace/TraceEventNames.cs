namespace RouteShadow.Traces.ControlTrace;

/// <summary>The event names of the control trace, including those of older retry traces.</summary>
public static class TraceEventNames
{
    public const string StationSelection = "lbs_for_request";
    public const string RouteTargetOverrideApplied = "route_target_override_applied";
    public const string RetryOptions = "retry_options";
    public const string AttemptSelect = "attempt_select";
    public const string ShadowMismatch = "route_executor_shadow_mismatch";
    public const string SelectionExplain = "route_graph_selection_explain";
    public const string SameStationExhausted = "same_station_exhausted";
    public const string SameStationFailover = "same_station_failover";
    public const string CrossStationFailoverBlocked = "cross_station_failover_blocked";
    public const string ProviderRuntimeOverride = "provider_runtime_override";
    public const string RequestCompleted = "request_completed";

    /// <summary>The outcome events of retry traces written before v0.13.0.</summary>
    public static IReadOnlySet<string> LegacyOutcomes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "attempt_transport_error", "attempt_body_read_error", "attempt_retryable_failure",
        "attempt_final_retryable_failure", "attempt_no_upstream",
    };

    /// <summary>The envelope kind of request mirrors; every other entry is <c>retry_trace</c>.</summary>
    public const string RequestCompletedKind = "request_completed";

    public const string RetryTraceKind = "retry_trace";
}
