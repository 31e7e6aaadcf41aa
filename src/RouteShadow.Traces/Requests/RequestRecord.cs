namespace RouteShadow.Traces.Requests;

/// <summary>
/// One line of <c>requests.jsonl</c> (codex-helper <c>RequestLog</c>): a finished client request.
/// Every field of the 0.15.0 format is read; <c>http_debug</c> is validated and dropped, because
/// that is where headers and bodies — and so credentials — live.
/// </summary>
public sealed record RequestRecord
{
    /// <summary>When the line was written: the request's end.</summary>
    public long TimestampMs { get; init; }

    /// <summary>Per process and per service, from 1; absent for requests that never routed.</summary>
    public long? RequestId { get; init; }

    /// <summary><c>"&lt;service&gt;-&lt;request_id&gt;"</c>; not unique across restarts.</summary>
    public string? TraceId { get; init; }

    public required string Service { get; init; }

    public string Method { get; init; } = "";

    public string Path { get; init; } = "";

    public int StatusCode { get; init; }

    /// <summary>From acceptance to the line being written, retries and backoff included.</summary>
    public long DurationMs { get; init; }

    public long? TtfbMs { get; init; }

    /// <summary>Legacy or compatibility station of the final target; absent for route-graph targets.</summary>
    public string? StationName { get; init; }

    public string? ProviderId { get; init; }

    public string? EndpointId { get; init; }

    public string? ProviderEndpointKey { get; init; }

    /// <summary>The final target's base URL, or <c>"-"</c> when there is none. Redacted on read.</summary>
    public string UpstreamBaseUrl { get; init; } = NoTarget;

    public string? SessionId { get; init; }

    public string? Cwd { get; init; }

    public string? ReasoningEffort { get; init; }

    public ServiceTierLog? ServiceTier { get; init; }

    public UsageMetrics? Usage { get; init; }

    /// <summary>True when an inline <c>http_debug</c> blob was present (and dropped).</summary>
    public bool HadHttpDebug { get; init; }

    public HttpDebugRef? HttpDebugRef { get; init; }

    public RetryInfo? Retry { get; init; }

    /// <summary>The top-level model of v0.16.0 and later logs; absent at 0.15.0.</summary>
    public string? Model { get; init; }

    public const string NoTarget = "-";

    /// <summary>Roughly when the request was accepted: the line's time minus its duration.</summary>
    public long StartMs => TimestampMs - DurationMs;

    /// <summary>True when the request reached an upstream target (paths A and B).</summary>
    public bool HasFinalTarget => UpstreamBaseUrl != NoTarget;
}

/// <summary>The three service-tier values of a request line, each optional.</summary>
public sealed record ServiceTierLog(string? Requested, string? Effective, string? Actual);

/// <summary>Token usage as logged; the optional counters are 0 when absent.</summary>
public sealed record UsageMetrics
{
    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long ReasoningTokens { get; init; }

    public long ReasoningOutputTokens { get; init; }

    public long TotalTokens { get; init; }

    public long CachedInputTokens { get; init; }

    /// <summary>Also read from the alias <c>cache_read_tokens</c>.</summary>
    public long CacheReadInputTokens { get; init; }

    /// <summary>Also read from the alias <c>cache_creation_tokens</c>.</summary>
    public long CacheCreationInputTokens { get; init; }

    public long CacheCreation5mInputTokens { get; init; }

    public long CacheCreation1hInputTokens { get; init; }
}

/// <summary>Where a split-out debug blob lives: <c>{"id":"&lt;ts&gt;-&lt;seq&gt;","file":"requests_debug.jsonl"}</c>.</summary>
public sealed record HttpDebugRef(string Id, string File);

/// <summary>The <c>retry</c> object: the observed attempt count, the chain strings and the structured rows.</summary>
public sealed class RetryInfo
{
    public RetryInfo(int observedAttempts, IReadOnlyList<string> upstreamChain, IReadOnlyList<RouteAttempt> routeAttempts)
    {
        ObservedAttempts = observedAttempts;
        UpstreamChain = upstreamChain;
        RouteAttempts = routeAttempts;
        Rows = routeAttempts.Count > 0 || upstreamChain.Count == 0
            ? routeAttempts
            : [.. upstreamChain.Select(Requests.UpstreamChain.Parse)];
    }

    /// <summary><c>attempts</c>: rows that are not the old avoided marker, model skips included.</summary>
    public int ObservedAttempts { get; }

    /// <summary><c>upstream_chain</c>, redacted.</summary>
    public IReadOnlyList<string> UpstreamChain { get; }

    /// <summary><c>route_attempts</c> as logged (empty in logs written before they existed).</summary>
    public IReadOnlyList<RouteAttempt> RouteAttempts { get; }

    /// <summary>
    /// The structured rows, or — for logs from before they existed — rows parsed from the chain
    /// strings the way codex-helper's own chain parser does.
    /// </summary>
    public IReadOnlyList<RouteAttempt> Rows { get; }
}
