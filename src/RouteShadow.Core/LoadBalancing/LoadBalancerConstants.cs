namespace RouteShadow.Core.LoadBalancing;

/// <summary>The load balancer's fixed numbers (codex-helper <c>lb.rs</c>).</summary>
public static class LoadBalancerConstants
{
    /// <summary>An upstream with this many consecutive failures is treated as circuit-open by both engines.</summary>
    public const uint FailureThreshold = 3;

    /// <summary>The threshold cooldown used when a failure is recorded with a base of 0 seconds.</summary>
    public const ulong CooldownSecs = 30;
}
