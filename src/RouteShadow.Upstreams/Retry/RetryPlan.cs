using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios.Reproduction;

namespace RouteShadow.Upstreams.Retry;

/// <summary>One retry layer as the loop uses it: attempts clamped to 1..8, status lists parsed.</summary>
public sealed record RetryLayerPlan(int MaxAttempts, long BackoffMs, long BackoffMaxMs, StatusRanges OnStatus, IReadOnlySet<string> OnClass, string Strategy)
{
    public static RetryLayerPlan From(RetryLayer layer) => new(
        Math.Clamp(layer.MaxAttempts, 1, 8),
        layer.BackoffMs,
        layer.BackoffMaxMs,
        StatusRanges.Parse(layer.OnStatus),
        layer.OnClass.ToHashSet(StringComparer.Ordinal),
        layer.Strategy);

    /// <summary>True when the status or the class is one this layer retries.</summary>
    public bool Retries(int status, string? errorClass) =>
        OnStatus.Contains(status) || (errorClass is not null && OnClass.Contains(errorClass));
}

/// <summary>codex-helper's retry plan: the resolved <c>[retry]</c> settings with its clamps applied.</summary>
public sealed record RetryPlan(
    RetryLayerPlan Upstream,
    RetryLayerPlan Provider,
    bool AllowCrossStationBeforeFirstOutput,
    StatusRanges NeverOnStatus,
    IReadOnlySet<string> NeverOnClass,
    ulong TransportCooldownSecs,
    CooldownBackoff CooldownBackoff)
{
    public static RetryPlan From(RetrySettings settings) => new(
        RetryLayerPlan.From(settings.Upstream),
        RetryLayerPlan.From(settings.Provider),
        settings.AllowCrossStationBeforeFirstOutput,
        StatusRanges.Parse(settings.NeverOnStatus),
        settings.NeverOnClass.ToHashSet(StringComparer.Ordinal),
        settings.TransportCooldownSecs,
        new CooldownBackoff(Math.Clamp(settings.CooldownBackoffFactor, 1UL, 16UL), Math.Min(settings.CooldownBackoffMaxSecs, 86_400UL)));

    /// <summary>
    /// <c>should_never_retry</c>: a never class always wins; a never status yields to a class
    /// either layer explicitly retries.
    /// </summary>
    public bool NeverRetries(int status, string? errorClass) =>
        (errorClass is not null && NeverOnClass.Contains(errorClass))
        || (NeverOnStatus.Contains(status)
            && !(errorClass is not null && (Upstream.OnClass.Contains(errorClass) || Provider.OnClass.Contains(errorClass))));
}
