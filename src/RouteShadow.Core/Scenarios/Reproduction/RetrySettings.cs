namespace RouteShadow.Core.Scenarios.Reproduction;

/// <summary>One layer of codex-helper's retry settings (<c>[retry.upstream]</c> or <c>[retry.provider]</c>).</summary>
/// <param name="OnStatus">A status list such as <c>"429,500-599"</c>, kept as written.</param>
/// <param name="Strategy"><c>failover</c> or <c>same_upstream</c>; only the provider layer's matters (cross-station gating).</param>
public sealed record RetryLayer(
    int MaxAttempts,
    long BackoffMs,
    long BackoffMaxMs,
    string OnStatus,
    IReadOnlyList<string> OnClass,
    string Strategy);

/// <summary>
/// codex-helper's resolved <c>[retry]</c> block. <see cref="Balanced"/> holds the defaults; a
/// scenario's <c>retry</c> block replaces the fields it sets (lists whole, not merged).
/// </summary>
/// <remarks>Jitter is left out on purpose: a reproduction's waits are deterministic.</remarks>
public sealed record RetrySettings(
    RetryLayer Upstream,
    RetryLayer Provider,
    bool AllowCrossStationBeforeFirstOutput,
    string NeverOnStatus,
    IReadOnlyList<string> NeverOnClass,
    ulong TransportCooldownSecs,
    ulong CooldownBackoffFactor,
    ulong CooldownBackoffMaxSecs)
{
    /// <summary>The <c>balanced</c> profile, codex-helper's default.</summary>
    public static RetrySettings Balanced { get; } = new(
        new RetryLayer(2, 200, 2000, "429,500-599,524", ["upstream_transport_error", "cloudflare_timeout", "cloudflare_challenge"], "same_upstream"),
        new RetryLayer(2, 0, 0, "401,403,404,408,429,500-599,524", ["upstream_transport_error", "routing_mismatch_capability"], "failover"),
        AllowCrossStationBeforeFirstOutput: false,
        NeverOnStatus: "413,415,422",
        NeverOnClass: ["client_error_non_retryable"],
        TransportCooldownSecs: 30,
        CooldownBackoffFactor: 1,
        CooldownBackoffMaxSecs: 600);
}
