using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Core.Scenarios.Harn;

/// <summary>Two harn variants run on one question: both runs and where their ledgers first part.</summary>
public sealed record HarnReport(HarnVariant Control, HarnVariant Candidate, HarnRun ControlRun, HarnRun CandidateRun, int? FirstDivergence)
{
    /// <summary>The same ledger and the same outcome: selected position and terminal error included (events aside).</summary>
    public bool Matches => FirstDivergence is null && HarnRunSummary.Of(ControlRun) == HarnRunSummary.Of(CandidateRun);

    /// <summary>Shadows the section's two variants on its question.</summary>
    public static HarnReport Of(HarnSection section)
    {
        var control = new HarnEngine(section.Control);
        var candidate = new HarnEngine(section.Candidate);
        var comparison = new EngineShadow<HarnQuestion, HarnAttempt>(control, candidate).Compare(section.Question);

        // The engines are pure and deterministic: running them again for the full runs gives the ledgers just compared.
        return new HarnReport(section.Control, section.Candidate, control.Run(section.Question), candidate.Run(section.Question), comparison.FirstDivergence);
    }
}

/// <summary>The outcome of checking a harn scenario: its report and how it measures up to the expectation.</summary>
public sealed record HarnCheckResult(Scenario Scenario, HarnReport Report, IReadOnlyList<string> ExpectationFailures)
{
    public CheckVerdict Verdict => ExpectationFailures.Count > 0 ? CheckVerdict.ExpectationFailed
        : Report.Matches ? CheckVerdict.Match
        : Scenario.Harn!.Expect is not null ? CheckVerdict.ExpectedMismatch
        : CheckVerdict.Mismatch;

    public bool IsFailure => Verdict is CheckVerdict.Mismatch or CheckVerdict.ExpectationFailed;

    public static HarnCheckResult Check(Scenario scenario)
    {
        var section = scenario.Harn ?? throw new ArgumentException("the scenario has no harn section", nameof(scenario));
        var report = HarnReport.Of(section);
        return new HarnCheckResult(scenario, report, section.Expect?.Check(report) ?? []);
    }
}
