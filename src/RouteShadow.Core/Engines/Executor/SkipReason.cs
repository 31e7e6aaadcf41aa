namespace RouteShadow.Core.Engines.Executor;

public enum SkipReasonKind
{
    UnsupportedModel,
    RuntimeDisabled,
    Cooldown,
    BreakerOpen,
    UsageExhausted,
    MissingAuth,
}

/// <summary>
/// Why a candidate was passed over (codex-helper <c>RoutePlanSkipReason</c>). Selection only ever
/// produces <see cref="SkipReasonKind.UnsupportedModel"/>; the others come from
/// <see cref="RoutePlanExecutor.ExplainSkipReasons"/>.
/// </summary>
public sealed record SkipReason(SkipReasonKind Kind, string? RequestedModel = null, uint FailureCount = 0)
{
    /// <summary>The wire code, e.g. <c>unsupported_model</c>.</summary>
    public string Code => Kind switch
    {
        SkipReasonKind.UnsupportedModel => "unsupported_model",
        SkipReasonKind.RuntimeDisabled => "runtime_disabled",
        SkipReasonKind.Cooldown => "cooldown",
        SkipReasonKind.BreakerOpen => "breaker_open",
        SkipReasonKind.UsageExhausted => "usage_exhausted",
        SkipReasonKind.MissingAuth => "missing_auth",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}
