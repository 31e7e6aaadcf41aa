namespace RouteShadow.Core.Engines.Harn;

/// <summary>harn's error categories (<c>ErrorCategory</c>), each with its label.</summary>
public enum ErrorCategory
{
    Timeout,
    Auth,
    RateLimit,
    Overloaded,
    ServerError,
    TransientNetwork,
    SchemaValidation,
    ToolError,
    ToolRejected,
    EgressBlocked,
    Cancelled,
    NotFound,
    CircuitOpen,
    BudgetExceeded,
    Generic,
}

/// <summary>Category labels, and the <c>on_error_kinds</c> names that select each category.</summary>
public static class ErrorCategories
{
    private static readonly string[] Labels =
    [
        "timeout", "auth", "rate_limit", "overloaded", "server_error", "transient_network", "schema_validation",
        "tool_error", "tool_rejected", "egress_blocked", "cancelled", "not_found", "circuit_open", "budget_exceeded", "generic",
    ];

    private static readonly Dictionary<string, ErrorCategory> Aliases = new(StringComparer.Ordinal)
    {
        ["transient"] = ErrorCategory.TransientNetwork,
        ["network"] = ErrorCategory.TransientNetwork,
        ["provider_error"] = ErrorCategory.ServerError,
        ["provider_5xx"] = ErrorCategory.ServerError,
    };

    public static string Label(this ErrorCategory category) => Labels[(int)category];

    public static bool TryFromLabel(string label, out ErrorCategory category)
    {
        var at = Array.IndexOf(Labels, label);
        category = at < 0 ? ErrorCategory.Generic : (ErrorCategory)at;
        return at >= 0;
    }

    /// <summary>Whether an <c>on_error_kinds</c> entry (lower-cased and trimmed first) names <paramref name="category"/>.</summary>
    public static bool KindMatches(string kind, ErrorCategory category)
    {
        var name = kind.Trim().ToLowerInvariant();
        return name == category.Label() || (Aliases.TryGetValue(name, out var aliased) && aliased == category);
    }
}
