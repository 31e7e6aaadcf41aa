namespace RouteShadow.Core.Engines.Executor;

/// <summary>An operator's runtime state for an upstream (codex-helper's runtime-state override).</summary>
public enum UpstreamRuntimeHealth
{
    Normal,
    HalfOpen,
    Draining,
    BreakerOpen,
}

/// <summary>
/// A runtime override of one upstream, keyed by its base URL or by its provider-endpoint stable
/// key. Production applies these; the shadow does not.
/// </summary>
public readonly record struct UpstreamOverride(bool? Enabled, UpstreamRuntimeHealth? Health)
{
    /// <summary>Disabled, or in any state but <see cref="UpstreamRuntimeHealth.Normal"/>.</summary>
    public bool DisablesUpstream => Enabled == false || (Health is { } health && health != UpstreamRuntimeHealth.Normal);
}
