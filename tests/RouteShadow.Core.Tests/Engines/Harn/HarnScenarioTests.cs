using System.Text;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary>The scenario format's <c>harn</c> section: reading, validation errors with path and line, and the canonical round trip.</summary>
public sealed class HarnScenarioTests
{
    private const string Minimal = """
        {
          "schema": "routeshadow/scenario@1",
          "harn": {
            "policy": {"chain": ["openai:gpt-4o", {"provider": "anthropic", "model": "claude", "timeout_ms": 30000}],
                       "latency": {"race_after_ms": 200},
                       "budget": {"per_call_usd": 0.5, "on_exceed": "skip"}},
            "request": {"input_tokens": 2000, "max_tokens": 500},
            "pricing": {"openai:gpt-4o": {"input_per_1k": 0.0025, "output_per_1k": 0.01}},
            "session_cost_usd": 1.25,
            "outcomes": [{"ms": 300, "error": "upstream returned 503"}, {"ms": 90, "output_tokens": 120, "model": "claude-2025"}],
            "control": "seed",
            "candidate": "sequential"
          }
        }
        """;

    private static Scenario Read(string json) => ScenarioReader.Read(Encoding.UTF8.GetBytes(json));

    private static ScenarioFormatException Rejects(string json) => Assert.Throws<ScenarioFormatException>(() => Read(json));

    private static string WithPolicy(string policy) =>
        "{\"schema\": \"routeshadow/scenario@1\",\n \"harn\": {\"policy\": " + policy + "}}";

    [Fact]
    public void Read_HarnSection_NeedsNoStations()
    {
        var scenario = Read(Minimal);

        Assert.Empty(scenario.Stations);
        var harn = Assert.IsType<HarnSection>(scenario.Harn);
        Assert.Equal(HarnVariant.Seed, harn.Control);
        Assert.Equal(HarnVariant.Sequential, harn.Candidate);
        Assert.Equal(new PolicyLink("anthropic", "claude", 30000), harn.Question.Policy.Chain[1]);
        Assert.Equal(new BudgetRules(0.5, null, OnExceed.Skip), harn.Question.Policy.Budget);
        Assert.Equal(new HarnRequest(2000, 500), harn.Question.Request);
        Assert.Equal(1.25, harn.Question.SessionCostUsd);
        Assert.Equal(LinkError.ThrownString("upstream returned 503"), harn.Question.Outcomes[0].Error);
        Assert.Equal("claude-2025", harn.Question.Outcomes[1].ReportedModel);
    }

    [Fact]
    public void Read_WithoutHarnOrStations_StillNeedsStations() =>
        Assert.Contains("stations", Rejects("""{"schema": "routeshadow/scenario@1"}""").Message, StringComparison.Ordinal);

    [Fact]
    public void Read_PolicyError_IsHarnsMessageAtTheValuesPathAndLine()
    {
        var error = Rejects(WithPolicy("""
            {"chain": ["a:m"],
             "failover": {"on_status": [429, 700]}}
            """));

        Assert.Equal("$.harn.policy.failover.on_status[1]", error.JsonPath);
        Assert.Equal("routing_policy.failover.on_status: 700 is not a valid HTTP status (100..=599)", error.Reason);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_MissingChain_IsReportedAtThePolicy()
    {
        var error = Rejects(WithPolicy("{}"));

        Assert.Equal("$.harn.policy", error.JsonPath);
        Assert.Equal("routing_policy: `chain` is required (list of {provider, model})", error.Reason);
    }

    [Fact]
    public void Read_MoreOutcomesThanLinks_IsAnError()
    {
        var error = Rejects("""
            {"schema": "routeshadow/scenario@1",
             "harn": {"policy": {"chain": ["a:m"]}, "outcomes": [{"ms": 1}, {"ms": 2}]}}
            """);

        Assert.Equal("$.harn.outcomes", error.JsonPath);
        Assert.Equal("has 2 entries but the chain has 1 link", error.Reason);
    }

    [Fact]
    public void Read_UnknownVariant_ListsTheNames() =>
        Assert.Contains("expected one of seed, sequential, race-fixed, warn-specified, ledger-complete, explicit-rules, fixed",
            Rejects("""{"schema": "routeshadow/scenario@1", "harn": {"policy": {"chain": ["a:m"]}, "control": "best"}}""").Reason,
            StringComparison.Ordinal);

    [Fact]
    public void Read_UnknownCategory_IsAnError() =>
        Assert.Equal("unknown error category 'oops'",
            Rejects("""{"schema": "routeshadow/scenario@1", "harn": {"policy": {"chain": ["a:m"]}, "outcomes": [{"ms": 1, "error": "x", "category": "oops"}]}}""").Reason);

    [Fact]
    public void Read_UnknownField_IsAnError() =>
        Assert.Equal("$.harn.policies",
            Rejects("""{"schema": "routeshadow/scenario@1", "harn": {"policies": {}}}""").JsonPath);

    [Fact]
    public void Write_ThenRead_GivesTheSameScenario()
    {
        var scenario = Read(Minimal);
        var report = HarnReport.Of(scenario.Harn!);
        var expected = scenario with
        {
            Harn = scenario.Harn! with
            {
                Expect = new HarnExpectation(report.Matches, HarnRunSummary.Of(report.ControlRun), HarnRunSummary.Of(report.CandidateRun)),
            },
        };

        var again = ScenarioReader.Read(ScenarioWriter.ToUtf8(expected));

        Assert.Equal(expected.Harn, again.Harn);
        Assert.Equal(ScenarioWriter.ToUtf8(expected), ScenarioWriter.ToUtf8(again));
    }

    [Fact]
    public void Check_PinnedExpectation_IsAnExpectedMismatch()
    {
        var scenario = Read(Minimal);
        var report = HarnReport.Of(scenario.Harn!);
        var pinned = scenario with
        {
            Harn = scenario.Harn! with { Expect = new HarnExpectation(report.Matches, HarnRunSummary.Of(report.ControlRun), HarnRunSummary.Of(report.CandidateRun)) },
        };

        var result = HarnCheckResult.Check(pinned);

        Assert.False(report.Matches);
        Assert.Equal(CheckVerdict.ExpectedMismatch, result.Verdict);
        Assert.False(result.IsFailure);
    }

    [Fact]
    public void Check_WrongExpectation_SaysWhere()
    {
        var scenario = Read(Minimal);
        var report = HarnReport.Of(scenario.Harn!);
        var wrong = HarnRunSummary.Of(report.ControlRun) with { Succeeded = !report.ControlRun.Succeeded };
        var pinned = scenario with { Harn = scenario.Harn! with { Expect = new HarnExpectation(false, wrong, HarnRunSummary.Of(report.CandidateRun)) } };

        var result = HarnCheckResult.Check(pinned);

        Assert.Equal(CheckVerdict.ExpectationFailed, result.Verdict);
        Assert.Contains(result.ExpectationFailures, f => f.StartsWith("control: expected succeeded=", StringComparison.Ordinal));
    }
}
