namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// <c>matches_failover</c> (seed-engines A.4): whether a link's error moves the chain on. First
/// match wins: explicit status, then timeout (unconditionally in the seed, H7; only with
/// <c>on_timeout_ms</c> set in later harn), then a kind, then the defaults — which apply only when
/// no explicit rule, not even <c>on_timeout_ms</c>, is set.
/// </summary>
public static class FailoverMatcher
{
    public static IReadOnlyList<int> DefaultStatuses { get; } = [408, 429, 500, 502, 503, 504];

    private static readonly ErrorCategory[] DefaultCategories =
    [
        ErrorCategory.RateLimit, ErrorCategory.Overloaded, ErrorCategory.TransientNetwork, ErrorCategory.Timeout, ErrorCategory.ServerError,
    ];

    public static bool IsEligible(FailoverRules rules, ErrorSnapshot error, bool timeoutAlwaysEligible = true)
    {
        if (error.Status is { } status && rules.OnStatus.Contains(status))
        {
            return true;
        }

        if (error.Category == ErrorCategory.Timeout && (timeoutAlwaysEligible || rules.OnTimeoutMs is not null))
        {
            return true;
        }

        if (rules.OnErrorKinds.Any(kind => ErrorCategories.KindMatches(kind, error.Category)))
        {
            return true;
        }

        return rules.UsesDefaults
               && ((error.Status is { } code && DefaultStatuses.Contains(code)) || DefaultCategories.Contains(error.Category));
    }

    /// <summary>Whether an explicit rule names the error: its status, a kind of its category, or <c>on_timeout_ms</c> for a timeout.</summary>
    public static bool IsNamedByARule(FailoverRules rules, ErrorSnapshot error) =>
        (error.Status is { } status && rules.OnStatus.Contains(status))
        || (error.Category == ErrorCategory.Timeout && rules.OnTimeoutMs is not null)
        || rules.OnErrorKinds.Any(kind => ErrorCategories.KindMatches(kind, error.Category));
}
