namespace RouteShadow.Upstreams.Trace;

/// <summary><c>CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE</c>, parsed with codex-helper's own parser for it.</summary>
public static class ShadowTraceFlag
{
    public const string Variable = "CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE";

    /// <summary>True for <c>1</c>, <c>true</c>, <c>yes</c>, <c>on</c> (trimmed, any case) — and, unlike codex-helper's other flags, not <c>y</c>.</summary>
    public static bool IsSet(IEnvironment environment) =>
        environment.Get(Variable)?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
