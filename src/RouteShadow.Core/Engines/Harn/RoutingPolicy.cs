namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// A parsed <c>routing_policy(...)</c> config (seed-engines A.2): the chain of links and the rules
/// the executor applies to it. This, not the summary dict a script holds, is what runs.
/// </summary>
/// <param name="Label">The written label; null uses the default <c>routing_policy(chain=&lt;N&gt;)</c>.</param>
/// <param name="Budget">Null when neither cap is set: <c>on_exceed</c> alone is ignored completely.</param>
/// <param name="EmitEvent">The event category prefix; null means <c>llm.routing</c>.</param>
public sealed record RoutingPolicy(
    IReadOnlyList<PolicyLink> Chain,
    FailoverRules Failover,
    LatencyRules Latency,
    BudgetRules? Budget = null,
    string? EmitEvent = null,
    string? Label = null)
{
    public const string DefaultDispatch = "llm.routing";

    public string EffectiveLabel => Label ?? $"routing_policy(chain={Chain.Count})";

    public string Dispatch => EmitEvent ?? DefaultDispatch;

    /// <summary>The attempt cap: <c>failover.max_attempts</c>, else one slot per link.</summary>
    public long MaxAttempts => Failover.MaxAttempts ?? Chain.Count;

    public bool Equals(RoutingPolicy? other) =>
        other is not null
        && Chain.SequenceEqual(other.Chain)
        && Failover.Equals(other.Failover)
        && Latency == other.Latency
        && Budget == other.Budget
        && EmitEvent == other.EmitEvent
        && Label == other.Label;

    public override int GetHashCode() => HashCode.Combine(Chain.Count, Failover, Latency, Budget, EmitEvent, Label);
}

/// <summary>One <c>provider:model</c> link of the chain.</summary>
/// <param name="TimeoutMs">Per-link call timeout; beats <c>failover.on_timeout_ms</c>.</param>
/// <param name="Label">Display label; null (or written empty) means <c>provider:model</c>.</param>
public sealed record PolicyLink(string Provider, string Model, long? TimeoutMs = null, string? Label = null)
{
    /// <summary>The pricing key, and the default label.</summary>
    public string Key => $"{Provider}:{Model}";

    public string DisplayLabel => Label ?? Key;
}

/// <summary>The <c>failover</c> section: which errors move on to the next link, and the attempt cap.</summary>
public sealed record FailoverRules(
    IReadOnlyList<int> OnStatus,
    IReadOnlyList<string> OnErrorKinds,
    long? OnTimeoutMs = null,
    long? MaxAttempts = null)
{
    public static FailoverRules Defaults { get; } = new([], []);

    /// <summary>The built-in failover rules apply only when no explicit rule (not even <c>on_timeout_ms</c>) is set.</summary>
    public bool UsesDefaults => OnStatus.Count == 0 && OnErrorKinds.Count == 0 && OnTimeoutMs is null;

    public bool Equals(FailoverRules? other) =>
        other is not null
        && OnStatus.SequenceEqual(other.OnStatus)
        && OnErrorKinds.SequenceEqual(other.OnErrorKinds)
        && OnTimeoutMs == other.OnTimeoutMs
        && MaxAttempts == other.MaxAttempts;

    public override int GetHashCode() => HashCode.Combine(OnStatus.Count, OnErrorKinds.Count, OnTimeoutMs, MaxAttempts);
}

/// <summary>The <c>latency</c> section. <paramref name="TargetP95Ms"/> is parsed and echoed, and has no effect.</summary>
public sealed record LatencyRules(long? RaceAfterMs = null, long? TargetP95Ms = null)
{
    public static LatencyRules None { get; } = new();
}

/// <summary>The <c>budget</c> section, present only when a cap is set.</summary>
public sealed record BudgetRules(double? PerCallUsd, double? SessionUsd, OnExceed OnExceed = OnExceed.Abort);

/// <summary>What a link whose projected cost breaks a cap gets.</summary>
public enum OnExceed
{
    /// <summary>Stop the chain with the budget error; the link gets no ledger record.</summary>
    Abort,

    /// <summary>A <c>skipped</c> record; the link uses up an attempt slot. <c>downgrade</c> is an alias.</summary>
    Skip,

    /// <summary>Documented as "log and call anyway".</summary>
    Warn,
}
