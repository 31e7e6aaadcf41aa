namespace RouteShadow.Testing.Harn;

/// <summary>
/// The seed's known bug classes a harn fuzz run finds (seed-engines A.10), each blamed by
/// counterfactual: fixing that one behaviour, and only it, changes the verdict.
/// </summary>
public enum HarnBugClass
{
    /// <summary>H2: the first racer to finish ends the race even with an error, so a race fails where the links in sequence succeed.</summary>
    RaceFirstFinisherError,

    /// <summary>H3/H6: the race deadline (<c>race_after_ms</c> counted twice) fails both racers with a generic, ineligible error where the links in sequence succeed.</summary>
    RaceDeadline,

    /// <summary>H5: the race backup skips the budget policy; its own preflight fails it where the policy would have skipped to a link that succeeds.</summary>
    RaceBackupSkipsBudget,

    /// <summary>H1: <c>on_exceed: warn</c> fails the call in the preflight instead of only warning.</summary>
    WarnFailsInPreflight,

    /// <summary>H10: a budget abort leaves no ledger record for the link that caused it.</summary>
    BudgetAbortUnrecorded,

    /// <summary>H9: a chain that only skipped ends with <c>…no attempts (empty chain?)</c>, an error no attempt carries.</summary>
    SkippedChainBlamesEmptyChain,

    /// <summary>H7: a timeout moves the chain on although the policy's explicit rules leave timeouts out.</summary>
    TimeoutIgnoresExplicitRules,

    /// <summary>A check failed and no known class explains it: a finding to investigate.</summary>
    Unclassified,
}

/// <summary>Wire names and spec references of the classes.</summary>
public static class HarnBugClasses
{
    public static string WireName(this HarnBugClass bug) => bug switch
    {
        HarnBugClass.RaceFirstFinisherError => "race_first_finisher_error",
        HarnBugClass.RaceDeadline => "race_deadline",
        HarnBugClass.RaceBackupSkipsBudget => "race_backup_skips_budget",
        HarnBugClass.WarnFailsInPreflight => "warn_fails_in_preflight",
        HarnBugClass.BudgetAbortUnrecorded => "budget_abort_unrecorded",
        HarnBugClass.SkippedChainBlamesEmptyChain => "skipped_chain_blames_empty_chain",
        HarnBugClass.TimeoutIgnoresExplicitRules => "timeout_ignores_explicit_rules",
        _ => "unclassified",
    };

    /// <summary>The finding ids of seed-engines A.10 the class stands for.</summary>
    public static string SpecIds(this HarnBugClass bug) => bug switch
    {
        HarnBugClass.RaceFirstFinisherError => "H2, H4",
        HarnBugClass.RaceDeadline => "H3, H6",
        HarnBugClass.RaceBackupSkipsBudget => "H5",
        HarnBugClass.WarnFailsInPreflight => "H1",
        HarnBugClass.BudgetAbortUnrecorded => "H10",
        HarnBugClass.SkippedChainBlamesEmptyChain => "H9",
        HarnBugClass.TimeoutIgnoresExplicitRules => "H7",
        _ => "-",
    };

    /// <summary>The check whose failure the class explains.</summary>
    public static string Check(this HarnBugClass bug) => bug switch
    {
        HarnBugClass.WarnFailsInPreflight => "warn_changes_only_events",
        HarnBugClass.BudgetAbortUnrecorded or HarnBugClass.SkippedChainBlamesEmptyChain => "ledger_accounts_for_the_outcome",
        HarnBugClass.TimeoutIgnoresExplicitRules => "explicit_rules_are_exhaustive",
        _ => "raced_not_worse_than_sequential",
    };
}
