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
    /// <summary>The race fixes, one per class, each applied alone to the seed or undone alone from the fixed race.</summary>
    private static readonly (HarnBugClass Class, Func<HarnVariant, HarnVariant> Fix, Func<HarnVariant, HarnVariant> Undo)[] RaceFixes =
    [
        (HarnBugClass.RaceFirstFinisherError, v => v with { FirstFinisherWins = false }, v => v with { FirstFinisherWins = true }),
        (HarnBugClass.RaceDeadline, v => v with { RaceDeadline = false }, v => v with { RaceDeadline = true }),
        (HarnBugClass.RaceBackupSkipsBudget, v => v with { BackupSkipsBudgetPolicy = false }, v => v with { BackupSkipsBudgetPolicy = true }),
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

    /// <summary>The known classes that explain the seed's violations on <paramref name="question"/>; empty when every check holds.</summary>
    public static IReadOnlyList<HarnBugClass> SeedViolations(HarnQuestion question)
    {
        var classes = new List<HarnBugClass>();
        if (RacedNotWorseThanSequential(HarnVariant.Seed, question) is not null)
        {
            foreach (var (bug, fix, undo) in RaceFixes)
            {
                if (RacedNotWorseThanSequential(fix(HarnVariant.Seed), question) is null
                    || RacedNotWorseThanSequential(undo(HarnVariant.RaceFixed), question) is not null)
                {
                    classes.Add(bug);
                }
            }

            if (classes.Count == 0)
            {
                classes.Add(HarnBugClass.Unclassified);
            }
        }

        if (WarnChangesOnlyEvents(HarnVariant.Seed, question) is not null)
        {
            classes.Add(WarnChangesOnlyEvents(HarnVariant.WarnSpecified, question) is null ? HarnBugClass.WarnFailsInPreflight : HarnBugClass.Unclassified);
        }

        return classes.Distinct().Order().ToArray();
    }

    /// <summary>The variant pair that shows a class side by side: the seed against the links in sequence, or against warn as specified.</summary>
    public static (HarnVariant Control, HarnVariant Candidate) PairFor(HarnBugClass bug) =>
        bug == HarnBugClass.WarnFailsInPreflight ? (HarnVariant.Seed, HarnVariant.WarnSpecified) : (HarnVariant.Seed, HarnVariant.Sequential);

    /// <summary>What a run did, events left out: its outcome, selected position, ledger and error.</summary>
    private static (HarnRunSummary Run, ErrorSnapshot? Error) Observe(HarnRun run) => (HarnRunSummary.Of(run), run.Error);

    private static string Describe(HarnRun run)
    {
        var outcome = run.Succeeded ? $"succeeded (selected {run.Selected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})" : $"failed: [{run.Error!.Category.Label()}] {run.Error.Message}";
        return $"{outcome}; attempts: {string.Join(", ", run.Attempts.Select(a => $"{a.Index} {a.Label} {a.Status.WireName()}"))}";
    }
}
