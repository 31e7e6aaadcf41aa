namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// How the executor weighs the runtime affinity (the last good provider endpoint) against
/// preference groups (codex-helper <c>RoutingAffinityPolicyV5</c>).
/// </summary>
public enum AffinityPolicy
{
    /// <summary>The first available candidate of the best group; affinity ignored.</summary>
    Off,

    /// <summary>The affinity candidate if it is in the best group, else the group's first. The v4/v5 default.</summary>
    PreferredGroup,

    /// <summary>Keep the affinity candidate even in a worse group, within the reprobe windows. Hard-wired for legacy templates.</summary>
    FallbackSticky,

    /// <summary>Only the affinity candidate when there is one; no fallback.</summary>
    Hard,
}
