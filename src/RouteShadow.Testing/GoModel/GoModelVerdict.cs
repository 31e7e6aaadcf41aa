using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Testing.GoModel;

/// <summary>
/// What one GoModel scenario shows: whether <c>specified</c> and <c>head</c> plan the same ledger,
/// which findings it exhibits, and whether <c>specified</c> itself breaks a check (unexplained).
/// </summary>
/// <remarks>
/// A finding counts only when it is the cause: its check fails on <c>head</c> and passes on the head
/// with that one finding fixed. A failure that needs two findings together is not named after either.
/// </remarks>
public sealed record GoModelVerdict(bool Matches, IReadOnlyList<GoModelBugs> Classes, string? Unexplained)
{
    private static readonly EngineShadow<GoModelQuestion, GoModelAttempt> Shadow =
        new(new GoModelEngine(GoModelVariant.Specified), new GoModelEngine(GoModelVariant.Head));

    /// <summary>The scenario's clock: pins and TTLs are relative, so any fixed instant will do.</summary>
    public const long NowMs = 1_000_000_000;

    public static GoModelVerdict Of(Scenario scenario)
    {
        var question = scenario.GoModel!.Question(NowMs);
        try
        {
            var matches = Shadow.Compare(question).Matches;
            var unexplained = GoModelChecks.Run(question, GoModelVariant.Specified).Select(v => v.Violation.ToString()).FirstOrDefault();
            var classes = GoModelBugNames.Each.Where(bug => Exhibits(question, bug)).ToList();
            return new GoModelVerdict(matches, classes, unexplained);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new GoModelVerdict(false, [], $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Whether <paramref name="bug"/>'s check fails on head and holds once that finding alone is fixed.</summary>
    public static bool Exhibits(GoModelQuestion question, GoModelBugs bug) =>
        GoModelChecks.Run(bug, question, GoModelVariant.Head) is not null
        && GoModelChecks.Run(bug, question, new GoModelVariant("fix", GoModelBugs.All & ~bug)) is null;

    /// <summary>The expect block that pins what <paramref name="scenario"/> shows.</summary>
    public static GoModelExpectation Expectation(Scenario scenario)
    {
        var question = scenario.GoModel!.Question(NowMs);
        var comparison = new EngineShadow<GoModelQuestion, GoModelAttempt>(
            new GoModelEngine(scenario.GoModel.Control), new GoModelEngine(scenario.GoModel.Candidate)).Compare(question);
        var violations = GoModelChecks.Run(question, scenario.GoModel.Candidate).Select(v => v.Class).ToList();
        return new GoModelExpectation(comparison.Matches, comparison.FirstDivergence, violations);
    }
}
