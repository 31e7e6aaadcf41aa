using RouteShadow.Core.Engines.Harn;
using static RouteShadow.Core.Tests.Engines.Harn.Harn;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary>The executor loop (seed-engines A.3), budgets (A.6) and the ledger (A.7) on the seed.</summary>
public sealed class HarnEngineTests
{
    [Fact]
    public void MaxAttemptsZero_FailsAtCallTimeBeforeAnyEvent()
    {
        var run = Run(Question(Policy(failover: FailoverRules.Defaults with { MaxAttempts = 0 })));

        Assert.False(run.Succeeded);
        Assert.Equal(HarnEngine.MaxAttemptsError, run.Error!.Message);
        Assert.Empty(run.Events);
        Assert.Empty(run.Attempts);
    }

    [Fact]
    public void FirstLinkSucceeds_SelectsPositionZeroWithItsCost()
    {
        var run = Run(Question(Policy(), Ok(120, outputTokens: 500)));

        Assert.True(run.Succeeded);
        Assert.Equal(0, run.Selected);
        var attempt = Assert.Single(run.Attempts);
        Assert.Equal(new HarnAttempt(1, "p0", "m0", "p0:m0", HarnAttemptStatus.Succeeded, 120, 1.5), attempt);
        Assert.Equal(["decision", "attempt"], Events(run)); // no success event
    }

    [Fact]
    public void EligibleError_MovesToTheNextLink()
    {
        var run = Run(Question(Policy(), Fail(ErrorCategory.RateLimit), Ok()));

        Assert.True(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Failed, HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.Equal([1, 2], run.Attempts.Select(a => a.Index));
        Assert.Equal(1, run.Selected);
        Assert.Equal(ErrorCategory.RateLimit, run.Attempts[0].Error!.Category);
    }

    [Fact]
    public void IneligibleError_StopsTheChainAndEmitsExhausted()
    {
        var run = Run(Question(Policy(), Fail(ErrorCategory.Auth, "bad key"), Ok()));

        Assert.False(run.Succeeded);
        Assert.Single(run.Attempts);
        Assert.Equal("bad key", run.Error!.Message);
        var exhausted = run.Events[^1];
        Assert.Equal("llm.routing.exhausted", exhausted.Category);
        Assert.Contains(KeyValuePair.Create("last_error_category", "auth"), exhausted.Fields);
    }

    [Fact]
    public void MaxAttempts_CapsTheLinksTried()
    {
        var run = Run(Question(Policy(failover: FailoverRules.Defaults with { MaxAttempts = 2 }), Fail(ErrorCategory.RateLimit), Fail(ErrorCategory.RateLimit), Ok()));

        Assert.False(run.Succeeded);
        Assert.Equal(2, run.Attempts.Count);
    }

    [Fact]
    public void MaxAttemptsAboveTheChain_NeverRetriesALink()
    {
        var run = Run(Question(Policy(links: 1, failover: FailoverRules.Defaults with { MaxAttempts = 5 }), Fail(ErrorCategory.RateLimit)));

        Assert.Single(run.Attempts);
    }

    [Fact]
    public void CallTimeout_IsWholeSecondsRoundedDown() // H11: 1500 ms gives 1 s
    {
        var policy = Policy(links: 1) with { Chain = [new PolicyLink("p0", "m0", TimeoutMs: 1500)] };

        var run = Run(Question(policy, Ok(1200)));

        Assert.False(run.Succeeded);
        Assert.Equal(1000, run.Attempts[0].DurationMs);
        Assert.Equal(ErrorCategory.Timeout, run.Error!.Category);
    }

    [Fact]
    public void CallTimeout_ZeroMeansOneSecond() =>
        Assert.Equal(1, LinkCall.TimeoutSeconds(Policy(), new PolicyLink("p", "m", TimeoutMs: 0)));

    [Fact]
    public void CallTimeout_LinkBeatsOnTimeoutMs() =>
        Assert.Equal(3, LinkCall.TimeoutSeconds(Policy(failover: FailoverRules.Defaults with { OnTimeoutMs = 9000 }), new PolicyLink("p", "m", TimeoutMs: 3000)));

    [Fact]
    public void ReportedModelAlias_LeavesSelectedEmpty() // H8
    {
        var run = Run(Question(Policy(), new LinkOutcome(100, null, 10, "m0-2025-01-01")));

        Assert.True(run.Succeeded);
        Assert.Null(run.Selected);
    }

    [Fact]
    public void Events_CarryTheDispatchPrefixAndTheEventName()
    {
        var policy = Policy() with { EmitEvent = "app.route" };

        var run = Run(Question(policy, Ok()));

        Assert.Equal("app.route.decision", run.Events[0].Category);
        Assert.Contains(KeyValuePair.Create("event", "decision"), run.Events[0].Fields);
        Assert.Contains(KeyValuePair.Create("policy", "routing_policy(chain=3)"), run.Events[0].Fields);
    }

    [Fact]
    public void BudgetAbort_StopsWithoutALedgerRecord() // H10
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, null)), Ok()));

        Assert.False(run.Succeeded);
        Assert.Empty(run.Attempts);
        Assert.Equal(ErrorCategory.BudgetExceeded, run.Error!.Category);
        Assert.StartsWith("LLM budget exceeded before provider call:", run.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["decision", "budget_exceeded", "exhausted"], Events(run));
    }

    [Fact]
    public void BudgetSkip_WritesASkippedRecordAndUsesASlot()
    {
        var question = Question(Policy(budget: new BudgetRules(2.5, null, OnExceed.Skip))) with
        {
            Pricing = new Dictionary<string, ModelPrice> { ["p0:m0"] = new(2, 2), ["p1:m1"] = new(1, 1) },
        };

        var run = Run(question);

        Assert.True(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Skipped, HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.Equal("per_call budget exceeded (cap=$2.500000, projected=$4.000000, session=$0.000000)", run.Attempts[0].Error!.Message);
        Assert.Equal(0, run.Attempts[0].DurationMs);
        Assert.Equal(2, run.Attempts[1].Index);
    }

    [Fact]
    public void BudgetSkip_SkipUsesUpTheAttemptCap()
    {
        var question = Question(Policy(failover: FailoverRules.Defaults with { MaxAttempts = 1 }, budget: new BudgetRules(1.0, null, OnExceed.Skip)));

        var run = Run(question);

        Assert.Equal([HarnAttemptStatus.Skipped], Statuses(run));
        Assert.False(run.Succeeded);
    }

    [Fact]
    public void BudgetSkip_EveryLinkSkipped_ReportsTheMisleadingEmptyChainError() // H9
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, null, OnExceed.Skip))));

        Assert.Equal(HarnEngine.EmptyChainError, run.Error!.Message);
        Assert.DoesNotContain(run.Events[^1].Fields, f => f.Key.StartsWith("last_error", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_PerCallIsCheckedBeforeSession()
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, 1.0)), Ok()));

        Assert.Contains(KeyValuePair.Create("kind", "per_call"), run.Events[1].Fields);
    }

    [Fact]
    public void Budget_SessionCountsTheThreadsSpend()
    {
        var question = Question(Policy(budget: new BudgetRules(null, 3.0)), Ok()) with { SessionCostUsd = 1.5 };

        var run = Run(question);

        Assert.False(run.Succeeded);
        Assert.Contains(KeyValuePair.Create("kind", "session"), run.Events[1].Fields);
    }

    [Fact]
    public void Budget_UnpricedModelsFailOpen() // H12
    {
        var question = Question(Policy(budget: new BudgetRules(0.0, null)), Ok()) with { Pricing = new Dictionary<string, ModelPrice>() };

        Assert.True(Run(question).Succeeded);
    }

    [Fact]
    public void BudgetWarn_AsItBehaves_FailsInsideTheCallAndStopsTheChain() // H1
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, null, OnExceed.Warn)), Ok(), Ok()));

        Assert.False(run.Succeeded);
        var attempt = Assert.Single(run.Attempts);
        Assert.Equal(HarnAttemptStatus.Failed, attempt.Status);
        Assert.Equal(ErrorCategory.BudgetExceeded, attempt.Error!.Category);
        Assert.Equal(0, attempt.DurationMs);
    }

    [Fact]
    public void BudgetWarn_AsSpecified_OnlyWarns()
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, null, OnExceed.Warn)), Ok()), HarnVariant.WarnSpecified);

        Assert.True(run.Succeeded);
        Assert.Equal(["decision", "budget_exceeded", "attempt"], Events(run));
    }

    [Fact]
    public void BudgetAbort_LedgerComplete_RecordsTheLinkAsSkippedWithTheAbortError()
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, null)), Ok()), HarnVariant.LedgerComplete);

        var attempt = Assert.Single(run.Attempts);
        Assert.Equal(HarnAttemptStatus.Skipped, attempt.Status);
        Assert.Equal(run.Error, attempt.Error);
    }

    [Fact]
    public void BudgetSkip_LedgerComplete_EndsWithTheLastSkipsError()
    {
        var run = Run(Question(Policy(budget: new BudgetRules(1.0, null, OnExceed.Skip))), HarnVariant.LedgerComplete);

        Assert.Equal(run.Attempts[^1].Error, run.Error);
        Assert.Contains(run.Events[^1].Fields, f => f.Key == "last_error_category" && f.Value == "budget_exceeded");
    }

    [Fact]
    public void TimeoutUnderExplicitRules_SeedFailsOverAndLaterHarnStops() // H7
    {
        var question = Question(Policy(failover: new FailoverRules([429], [])), Fail(ErrorCategory.Timeout), Ok());

        var seed = Run(question);
        var later = Run(question, HarnVariant.ExplicitRules);

        Assert.True(seed.Succeeded);
        Assert.Equal([ErrorCategory.Timeout], seed.FailedOverOn.Select(e => e.Category));
        Assert.False(later.Succeeded);
        Assert.Empty(later.FailedOverOn);
    }

    [Fact]
    public void FailedOverOn_LeavesOutTheErrorThatEndedTheChain()
    {
        var run = Run(Question(Policy(links: 2), Fail(ErrorCategory.RateLimit, "first"), Fail(ErrorCategory.RateLimit, "second")));

        Assert.Equal(["first"], run.FailedOverOn.Select(e => e.Message));
    }

    [Fact]
    public void Variants_AreNamedAndFoundByName()
    {
        Assert.Equal(["seed", "sequential", "race-fixed", "warn-specified", "ledger-complete", "explicit-rules", "fixed"], HarnVariant.Named.Select(v => v.Name));
        Assert.Same(HarnVariant.Fixed, HarnVariant.ByName("fixed"));
        Assert.Equal("sequential", new HarnEngine(HarnVariant.Sequential).Name);
    }

    [Fact]
    public void Plan_IsTheLedgerAndLeavesTheQuestionAlone()
    {
        var question = Question(Policy(), Fail(ErrorCategory.RateLimit), Ok());
        var copy = question with { };

        var plan = new HarnEngine(HarnVariant.Seed).Plan(question);

        Assert.Equal(Run(question).Attempts, plan);
        Assert.Equal(copy, question);
    }
}
