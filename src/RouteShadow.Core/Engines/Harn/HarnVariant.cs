namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// Which behaviours of the executor an engine runs: the seed as it behaves, or with one or more of
/// its reviewed defects fixed. Each switch undoes one known bug class on its own, so a difference
/// between variants can be blamed by counterfactual.
/// </summary>
/// <param name="Racing">Whether <c>latency.race_after_ms</c> races links at all; off runs the same links in sequence.</param>
/// <param name="FirstFinisherWins">Seed (H2): the first racer to finish ends the race, even with an error. Off: the first success wins, and a race fails only when both racers fail.</param>
/// <param name="RaceDeadline">Seed (H3, H6): a race deadline of <c>primary_timeout_ms + race_after_ms</c> from the race's start fails both racers with a generic error. Off: each racer is bounded by its own call timeout only.</param>
/// <param name="BackupSkipsBudgetPolicy">Seed (H5): the backup gets no budget check. Off: a backup the policy would skip or abort is not raced.</param>
/// <param name="WarnFailsInPreflight">Seed (H1): under <c>on_exceed: warn</c> the caps still reach the call, whose own preflight fails it with <c>budget_exceeded</c>. Off: warn only warns, as documented.</param>
/// <param name="AbortLeavesNoRecord">Seed (H10): a budget abort writes no ledger record for the link that caused it. Off: the link is recorded as skipped, with the abort's error.</param>
/// <param name="TimeoutAlwaysEligible">Seed (H7): a timeout moves the chain on whatever the rules say. Off, as in later harn: only when <c>on_timeout_ms</c> is set (or a kind names it).</param>
/// <param name="AllSkippedSaysEmptyChain">Seed (H9): skips are not remembered as errors, so a chain that only skipped ends with <c>…no attempts (empty chain?)</c>. Off: the last skip's error is the terminal error.</param>
public sealed record HarnVariant(
    string Name,
    bool Racing,
    bool FirstFinisherWins,
    bool RaceDeadline,
    bool BackupSkipsBudgetPolicy,
    bool WarnFailsInPreflight,
    bool AbortLeavesNoRecord,
    bool AllSkippedSaysEmptyChain,
    bool TimeoutAlwaysEligible)
{
    /// <summary>The seed as it behaves.</summary>
    public static HarnVariant Seed { get; } = new("seed", true, true, true, true, true, true, true, true);

    /// <summary>The seed running the same links in sequence: no racing.</summary>
    public static HarnVariant Sequential { get; } = Seed with { Name = "sequential", Racing = false };

    /// <summary>The seed with its race fixed: first success wins, no double-counted deadline, the backup budget-checked.</summary>
    public static HarnVariant RaceFixed { get; } = Seed with
    {
        Name = "race-fixed", FirstFinisherWins = false, RaceDeadline = false, BackupSkipsBudgetPolicy = false,
    };

    /// <summary>The seed with <c>on_exceed: warn</c> as specified.</summary>
    public static HarnVariant WarnSpecified { get; } = Seed with { Name = "warn-specified", WarnFailsInPreflight = false };

    /// <summary>The seed with a ledger that accounts for budget stops: aborts recorded, skips remembered as errors.</summary>
    public static HarnVariant LedgerComplete { get; } = Seed with { Name = "ledger-complete", AbortLeavesNoRecord = false, AllSkippedSaysEmptyChain = false };

    /// <summary>The seed matching timeouts as later harn does: only when <c>on_timeout_ms</c> is set (pinned there by <c>explicit_failover_kind_does_not_implicitly_match_timeout</c>).</summary>
    public static HarnVariant ExplicitRules { get; } = Seed with { Name = "explicit-rules", TimeoutAlwaysEligible = false };

    /// <summary>Every fix at once.</summary>
    public static HarnVariant Fixed { get; } = RaceFixed with
    {
        Name = "fixed", WarnFailsInPreflight = false, AbortLeavesNoRecord = false, AllSkippedSaysEmptyChain = false, TimeoutAlwaysEligible = false,
    };

    public static IReadOnlyList<HarnVariant> Named { get; } = [Seed, Sequential, RaceFixed, WarnSpecified, LedgerComplete, ExplicitRules, Fixed];

    public static HarnVariant? ByName(string name) => Named.FirstOrDefault(v => v.Name == name);
}
