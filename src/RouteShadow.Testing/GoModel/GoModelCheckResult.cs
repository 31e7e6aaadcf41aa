using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Testing.GoModel;

/// <summary>
/// Checking one scenario with a <c>gomodel</c> section: its two variants' ledgers diffed, the checks
/// the candidate variant violates, and how that measures up to the section's expect block.
/// </summary>
public sealed record GoModelCheckResult(
    Scenario Scenario,
    AttemptComparison<GoModelAttempt> Comparison,
    IReadOnlyList<GoModelBugs> Violations,
    IReadOnlyList<string> ExpectationFailures)
{
    /// <summary>
    /// The codex-helper verdicts, with the same meaning: differing ledgers or a broken check that no
    /// expect block pins is a finding (<see cref="CheckVerdict.Mismatch"/>).
    /// </summary>
    public CheckVerdict Verdict => Comparison switch
    {
        { Error: not null } => CheckVerdict.EngineError,
        _ when ExpectationFailures.Count > 0 => CheckVerdict.ExpectationFailed,
        { Matches: true } when Violations.Count == 0 => CheckVerdict.Match,
        _ when Scenario.GoModel!.Expect is not null => CheckVerdict.ExpectedMismatch,
        _ => CheckVerdict.Mismatch,
    };

    public static GoModelCheckResult Check(Scenario scenario)
    {
        var section = scenario.GoModel ?? throw new ArgumentException("the scenario has no gomodel section", nameof(scenario));
        var question = section.Question(GoModelVerdict.NowMs);
        var comparison = new EngineShadow<GoModelQuestion, GoModelAttempt>(new GoModelEngine(section.Control), new GoModelEngine(section.Candidate))
            .Compare(question);
        IReadOnlyList<GoModelBugs> violations = comparison.Error is null
            ? [.. GoModelChecks.Run(question, section.Candidate).Select(v => v.Class)]
            : [];
        var failures = comparison.Error is null && section.Expect is { } expect
            ? expect.Check(comparison.Matches, comparison.FirstDivergence, violations)
            : [];
        return new GoModelCheckResult(scenario, comparison, violations, failures);
    }
}
