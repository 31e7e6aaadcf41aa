using RouteShadow.Core.Shadow;

namespace RouteShadow.Core.Scenarios;

/// <summary>What checking one scenario concluded.</summary>
public enum CheckVerdict
{
    /// <summary>The engines agree, and the expectation (if any) holds.</summary>
    Match,

    /// <summary>The engines disagree and the scenario expects nothing: a finding.</summary>
    Mismatch,

    /// <summary>The engines disagree exactly as the scenario's expect block pins (a known divergence).</summary>
    ExpectedMismatch,

    /// <summary>The result differs from the scenario's expect block.</summary>
    ExpectationFailed,

    /// <summary>An engine threw.</summary>
    EngineError,
}

/// <summary>The outcome of checking one scenario: the comparison and how it measures up to the expectation.</summary>
public sealed record CheckResult(Scenario Scenario, ShadowComparison Comparison, IReadOnlyList<string> ExpectationFailures)
{
    public CheckVerdict Verdict => Comparison.Verdict switch
    {
        ShadowVerdict.EngineError => CheckVerdict.EngineError,
        _ when ExpectationFailures.Count > 0 => CheckVerdict.ExpectationFailed,
        ShadowVerdict.Match => CheckVerdict.Match,
        _ when Scenario.Expect is not null => CheckVerdict.ExpectedMismatch,
        _ => CheckVerdict.Mismatch,
    };

    /// <summary>True for the verdicts that make <c>routeshadow check</c> exit 1.</summary>
    public bool IsFailure => Verdict is CheckVerdict.Mismatch or CheckVerdict.ExpectationFailed or CheckVerdict.EngineError;
}

/// <summary>Checks scenarios: builds each on the clock, compares the engines, tests the expectation.</summary>
public sealed class ScenarioCheck(ShadowRunner runner, TimeProvider clock)
{
    public CheckResult Check(Scenario scenario)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var comparison = runner.Compare(ScenarioBuilder.Build(scenario, nowMs));
        var failures = scenario.Expect?.Check(comparison) ?? [];
        return new CheckResult(scenario, comparison, failures);
    }
}
