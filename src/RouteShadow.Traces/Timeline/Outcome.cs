using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Traces.Timeline;

/// <summary>One upstream of a request's station plan: the station and the index within it.</summary>
public readonly record struct UpstreamRef(string Station, int Index)
{
    public override string ToString() => $"{Station}#{Index}";
}

/// <summary>What a recorded attempt did to the load-balancer state.</summary>
public enum OutcomeKind
{
    /// <summary>A 2xx: the failure count, cooldown and streak are cleared and the upstream becomes sticky.</summary>
    Success,

    /// <summary>A returned "never retry" response: one more failure, a threshold cooldown at 3.</summary>
    Failure,

    /// <summary>A failover after a status or a transport, body or stream error: the breaker opens with a cooldown.</summary>
    Penalty,

    /// <summary>The log cannot tell whether the state changed (a returned 400/409 whose class was not logged): the upstream's state becomes unknown.</summary>
    Ambiguous,
}

/// <summary>A state change production made, on the timeline at <see cref="AtMs"/>.</summary>
public sealed record Outcome(long AtMs, UpstreamRef Target, OutcomeKind Kind, ulong CooldownSecs, CooldownBackoff Backoff);

/// <summary>An upstream production tried (or skipped for the model), in the order it did.</summary>
public sealed record ProductionAttempt(UpstreamRef Target, AttemptDecision Decision);
