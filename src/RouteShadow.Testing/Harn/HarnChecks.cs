using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios.Harn;
using RouteShadow.Testing.Checks;

namespace RouteShadow.Testing.Harn;

/// <summary>
/// The engine-independent checks bound to harn: run a variant on a question and report a violation
/// (null when the check holds), and blame the seed's violations on known classes by counterfactual.
/// </summary>
public static class HarnChecks
{
    /// <summary>The race's defect switches, one per class.</summary>
    private static readonly DefectSwitch[] RaceDefects =
    [
        new(HarnBugClass.RaceFirstFinisherError, (v, on) => v with { FirstFinisherWins = on }),
        new(HarnBugClass.RaceDeadline, (v, on) => v with { RaceDeadline = on }),
        new(HarnBugClass.RaceBackupSkipsBudget, (v, on) => v with { BackupSkipsBudgetPolicy = on }),
    ];

    /// <summary>The ledger's defect switches, one per class.</summary>
    private static readonly DefectSwitch[] LedgerDefects =
    [
        new(HarnBugClass.BudgetAbortUnrecorded, (v, on) => v with { AbortLeavesNoRecord = on }),
        new(HarnBugClass.SkippedChainBlamesEmptyChain, (v, on) => v with { AllSkippedSaysEmptyChain = on }),
    ];

    private static readonly DefectSwitch[] TimeoutDefects =
    [
        new(HarnBugClass.TimeoutIgnoresExplicitRules, (v, on) => v with { TimeoutAlwaysEligible = on }),
    ];

    /// <summary><see cref="Checks.RacedNotWorseThanSequential"/>: <paramref name="variant"/> raced against itself with racing off.</summary>
    public static string? RacedNotWorseThanSequential(HarnVariant variant, HarnQuestion question) =>
        Checks.RacedNotWorseThanSequential.Check(
            question,
            new HarnEngine(variant).Run,
            new HarnEngine(variant with { Racing = false }).Run,
            run => run.Succeeded,
            Describe);

    /// <summary><see cref="Checks.WarnChangesOnlyEvents"/> for a question whose budget warns; holds trivially otherwise.</summary>
    public static string? WarnChangesOnlyEvents(HarnVariant variant, HarnQuestion question)
    {
        if (question.Policy.Budget is not { OnExceed: OnExceed.Warn })
        {
            return null;
        }

        var engine = new HarnEngine(variant);
        return Checks.WarnChangesOnlyEvents.Check(
            question,
            q => q with { Policy = q.Policy with { Budget = null } },
            q => Observe(engine.Run(q)));
    }

    /// <summary>
    /// <see cref="Checks.LedgerAccountsForTheOutcome"/>: every attempt a <c>budget_exceeded</c> or
    /// <c>attempt</c> event names is in the ledger, and a failed call's error is one a record carries.
    /// </summary>
    public static string? LedgerAccountsForTheOutcome(HarnVariant variant, HarnQuestion question) =>
        Checks.LedgerAccountsForTheOutcome.Check(
            new HarnEngine(variant).Run(question),
            run => run.Events.Where(e => e.Name is "attempt" or "budget_exceeded").Select(e => e.Fields.First(f => f.Key == "attempt").Value),
            run => run.Attempts.Select(a => a.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            run => run.Error,
            run => run.Attempts.Select(a => a.Error).OfType<ErrorSnapshot>());

    /// <summary><see cref="Checks.ExplicitRulesAreExhaustive"/> over the errors <paramref name="variant"/> failed over on.</summary>
    public static string? ExplicitRulesAreExhaustive(HarnVariant variant, HarnQuestion question)
    {
        var rules = question.Policy.Failover;
        return Checks.ExplicitRulesAreExhaustive.Check(
            new HarnEngine(variant).Run(question).FailedOverOn,
            !rules.UsesDefaults,
            error => FailoverMatcher.IsNamedByARule(rules, error));
    }

    /// <summary>The known classes that explain the seed's violations on <paramref name="question"/>; empty when every check holds.</summary>
    public static IReadOnlyList<HarnBugClass> SeedViolations(HarnQuestion question)
    {
        var classes = new List<HarnBugClass>();
        Blame(RacedNotWorseThanSequential, RaceDefects, HarnVariant.RaceFixed, question, classes);
        Blame(LedgerAccountsForTheOutcome, LedgerDefects, HarnVariant.LedgerComplete, question, classes);
        Blame(ExplicitRulesAreExhaustive, TimeoutDefects, HarnVariant.ExplicitRules, question, classes);
        if (WarnChangesOnlyEvents(HarnVariant.Seed, question) is not null)
        {
            classes.Add(WarnChangesOnlyEvents(HarnVariant.WarnSpecified, question) is null ? HarnBugClass.WarnFailsInPreflight : HarnBugClass.Unclassified);
        }

        return classes.Distinct().Order().ToArray();
    }

    /// <summary>
    /// When <paramref name="check"/> fails on the seed, blames each class whose defect switched off
    /// alone makes it pass on the seed, or switched back on alone makes it fail on
    /// <paramref name="fixedVariant"/>; unclassified when no class is blamed.
    /// </summary>
    private static void Blame(
        Func<HarnVariant, HarnQuestion, string?> check, DefectSwitch[] defects, HarnVariant fixedVariant, HarnQuestion question, List<HarnBugClass> classes)
    {
        if (check(HarnVariant.Seed, question) is null)
        {
            return;
        }

        var blamed = defects.Where(d => check(d.Set(HarnVariant.Seed, false), question) is null || check(d.Set(fixedVariant, true), question) is not null).ToList();
        classes.AddRange(blamed.Count > 0 ? blamed.Select(d => d.Class) : [HarnBugClass.Unclassified]);
    }

    /// <summary>The variant switch behind a bug class: <c>Set(variant, true)</c> has the defect, <c>Set(variant, false)</c> not.</summary>
    private sealed record DefectSwitch(HarnBugClass Class, Func<HarnVariant, bool, HarnVariant> Set);

    /// <summary>The variant pair that shows a class side by side: the seed against the links in sequence, or against warn as specified.</summary>
    public static (HarnVariant Control, HarnVariant Candidate) PairFor(HarnBugClass bug) => bug switch
    {
        HarnBugClass.WarnFailsInPreflight => (HarnVariant.Seed, HarnVariant.WarnSpecified),
        HarnBugClass.BudgetAbortUnrecorded or HarnBugClass.SkippedChainBlamesEmptyChain => (HarnVariant.Seed, HarnVariant.LedgerComplete),
        HarnBugClass.TimeoutIgnoresExplicitRules => (HarnVariant.Seed, HarnVariant.ExplicitRules),
        _ => (HarnVariant.Seed, HarnVariant.Sequential),
    };

    /// <summary>What a run did, events left out: its outcome, selected position, ledger and error.</summary>
    private static (HarnRunSummary Run, ErrorSnapshot? Error) Observe(HarnRun run) => (HarnRunSummary.Of(run), run.Error);

    private static string Describe(HarnRun run)
    {
        var outcome = run.Succeeded ? $"succeeded (selected {run.Selected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})" : $"failed: [{run.Error!.Category.Label()}] {run.Error.Message}";
        return $"{outcome}; attempts: {string.Join(", ", run.Attempts.Select(a => $"{a.Index} {a.Label} {a.Status.WireName()}"))}";
    }
}
