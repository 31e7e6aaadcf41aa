namespace RouteShadow.Traces.Requests;

/// <summary>
/// One row of <c>retry.route_attempts</c> (codex-helper <c>RouteAttemptLog</c>): a model skip, or
/// one HTTP attempt and its outcome. Rows parsed from an <c>upstream_chain</c> string carry only
/// what that string holds.
/// </summary>
public sealed record RouteAttempt
{
    public int AttemptIndex { get; init; }

    public string? ProviderId { get; init; }

    public string? EndpointId { get; init; }

    /// <summary><c>"&lt;service&gt;/&lt;provider_id&gt;/&lt;endpoint_id&gt;"</c>.</summary>
    public string? ProviderEndpointKey { get; init; }

    public int? PreferenceGroup { get; init; }

    public IReadOnlyList<string> RoutePath { get; init; } = [];

    /// <summary>1-based station ordinal (legacy) or 1 (route graph).</summary>
    public int? ProviderAttempt { get; init; }

    /// <summary>1-based retry on the same upstream; absent on skips.</summary>
    public int? UpstreamAttempt { get; init; }

    public int? ProviderMaxAttempts { get; init; }

    public int? UpstreamMaxAttempts { get; init; }

    public string? StationName { get; init; }

    public string? UpstreamBaseUrl { get; init; }

    /// <summary>The index within the station after runtime-override filtering (legacy).</summary>
    public int? UpstreamIndex { get; init; }

    public IReadOnlyList<int> AvoidForStation { get; init; } = [];

    public IReadOnlyList<int> AvoidedCandidateIndices { get; init; } = [];

    public int? AvoidedTotal { get; init; }

    public int? TotalUpstreams { get; init; }

    /// <summary>See <see cref="AttemptDecisions"/>.</summary>
    public required string Decision { get; init; }

    /// <summary>The error text of error decisions, <c>unsupported_model</c> for skips. Redacted on read.</summary>
    public string? Reason { get; init; }

    public int? StatusCode { get; init; }

    public string? ErrorClass { get; init; }

    /// <summary>The model note: the requested model, or <c>"requested-&gt;mapped"</c>.</summary>
    public string? Model { get; init; }

    public long? UpstreamHeadersMs { get; init; }

    /// <summary>Cumulative from the request start for status rows; per attempt for transport rows.</summary>
    public long? DurationMs { get; init; }

    public long? CooldownSecs { get; init; }

    public string? CooldownReason { get; init; }

    public bool Skipped { get; init; }

    /// <summary>The chain string this row mirrors. Redacted on read.</summary>
    public string Raw { get; init; } = "";

    /// <summary>The requested model, without a <c>-&gt;mapped</c> suffix; null when the note is absent or <c>-</c>.</summary>
    public string? RequestedModel => RequestedModelOf(Model);

    /// <summary>The requested model of a model note (<c>-</c>, <c>m</c> or <c>requested-&gt;mapped</c>); null for none.</summary>
    public static string? RequestedModelOf(string? note) => note is null or "-" ? null
        : note.IndexOf("->", StringComparison.Ordinal) is var arrow and >= 0 ? note[..arrow] : note;

    /// <summary>True for rows that made no HTTP call (skips and parser markers).</summary>
    public bool IsSkip => Decision is AttemptDecisions.SkippedCapabilityMismatch or AttemptDecisions.AllUpstreamsAvoided;
}

/// <summary>The decision vocabulary of route attempts at codex-helper 0.15.0.</summary>
public static class AttemptDecisions
{
    public const string Selected = "selected";
    public const string Completed = "completed";
    public const string FailedStatus = "failed_status";
    public const string FailedTransport = "failed_transport";
    public const string FailedTargetBuild = "failed_target_build";
    public const string FailedBodyRead = "failed_body_read";
    public const string FailedBodyTooLarge = "failed_body_too_large";
    public const string SkippedCapabilityMismatch = "skipped_capability_mismatch";

    /// <summary>Produced only by the chain parser: nothing recognised.</summary>
    public const string Observed = "observed";

    /// <summary>Produced only by the chain parser: the old trailing marker.</summary>
    public const string AllUpstreamsAvoided = "all_upstreams_avoided";
}
