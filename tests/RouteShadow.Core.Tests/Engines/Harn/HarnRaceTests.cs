using RouteShadow.Core.Engines.Harn;
using static RouteShadow.Core.Tests.Engines.Harn.Harn;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary>Racing (seed-engines A.5) in the seed, and what each race fix changes.</summary>
public sealed class HarnRaceTests
{
    private static RoutingPolicy Raced(long raceAfterMs = 100, int links = 3, long? maxAttempts = null, BudgetRules? budget = null) =>
        Policy(links, FailoverRules.Defaults with { MaxAttempts = maxAttempts }, new LatencyRules(raceAfterMs), budget);

    [Fact]
    public void PrimaryFinishingBeforeRaceAfter_IsNotRaced()
    {
        var run = Run(Question(Raced(), Ok(80)));

        Assert.Equal([HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.DoesNotContain("race_started", Events(run));
    }

    [Fact]
    public void PrimaryFinishingAtRaceAfter_WinsTheTie()
    {
        var run = Run(Question(Raced(), Ok(100), Ok(1)));

        Assert.Single(run.Attempts);
    }

    [Fact]
    public void PrimaryFirst_BackupIsRaceLost()
    {
        var run = Run(Question(Raced(), Ok(150), Ok(500)));

        Assert.Equal([HarnAttemptStatus.Succeeded, HarnAttemptStatus.RaceLost], Statuses(run));
        Assert.Equal([1, 2], run.Attempts.Select(a => a.Index));
        Assert.Equal(50, run.Attempts[1].DurationMs);
        Assert.Null(run.Attempts[1].CostUsd); // the cancelled racer is never costed
        Assert.Equal(["decision", "attempt", "race_started", "race_won", "race_lost"], Events(run));
        Assert.Contains(KeyValuePair.Create("reason", "primary_finished_first"), run.Events[^1].Fields);
    }

    [Fact]
    public void BackupFirst_PrimaryIsRaceLostAndSelectedIsTheBackup()
    {
        var run = Run(Question(Raced(), Ok(900), Ok(100)));

        Assert.Equal([HarnAttemptStatus.RaceLost, HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.Equal(1, run.Selected);
        Assert.Equal(200, run.Attempts[0].DurationMs);
        Assert.Contains(KeyValuePair.Create("reason", "backup_finished_first"), run.Events[^1].Fields);
    }

    [Fact]
    public void Race_OneAttemptEventForTwoDispatches() // H17
    {
        var run = Run(Question(Raced(), Ok(900), Ok(100)));

        Assert.Single(Events(run), e => e == "attempt");
    }

    [Fact]
    public void Race_NeedsTwoSlotsLeft()
    {
        var run = Run(Question(Raced(maxAttempts: 1), Ok(900), Ok(100)));

        Assert.Equal([HarnAttemptStatus.Succeeded], Statuses(run));
    }

    [Fact]
    public void Race_NeedsANextLink()
    {
        var run = Run(Question(Raced(links: 1), Ok(900)));

        Assert.Single(run.Attempts);
    }

    [Fact]
    public void Seed_PrimaryFailingFirstAfterTheRaceStarted_EndsTheRaceWithItsError() // H2, H4
    {
        var run = Run(Question(Raced(links: 2), Fail(ErrorCategory.Auth, ms: 150), Ok(400)));

        Assert.False(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Failed, HarnAttemptStatus.RaceLost], Statuses(run));
        Assert.Contains("race_won", Events(run)); // emitted for a failed winner
        Assert.Equal(ErrorCategory.Auth, run.Attempts[0].Error!.Category);
    }

    [Fact]
    public void Seed_FailedRace_ConsumesTwoSlotsAndSkipsBothLinks()
    {
        var run = Run(Question(Raced(), Fail(ErrorCategory.RateLimit, ms: 150), Ok(400), Ok(10)));

        Assert.True(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Failed, HarnAttemptStatus.RaceLost, HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.Equal("p2", run.Attempts[2].Provider);
        Assert.Equal(3, run.Attempts[2].Index);
    }

    [Fact]
    public void Seed_RaceDeadline_CountsRaceAfterTwiceAndFailsGeneric() // H3, H6
    {
        var policy = Raced(links: 2) with { Failover = FailoverRules.Defaults with { OnTimeoutMs = null } };
        var run = Run(Question(policy, Ok(500_000), Ok(500_000)));

        Assert.False(run.Succeeded);
        Assert.Equal(RaceSettlement.DeadlineMessage, run.Error!.Message);
        Assert.Equal(ErrorCategory.Generic, run.Error.Category);
        Assert.Equal(120_100 + 100, run.ElapsedMs);
        Assert.All(run.Attempts, a => Assert.Equal(120_100, a.DurationMs));
        Assert.NotNull(run.Attempts[0].Error);
        Assert.Null(run.Attempts[1].Error); // blamed on the primary only
        Assert.DoesNotContain("race_won", Events(run));
    }

    [Fact]
    public void Seed_RaceBackup_SkipsTheBudgetPolicyAndFailsInPreflight() // H5
    {
        var question = Question(Raced(links: 3, budget: new BudgetRules(2.5, null, OnExceed.Skip)), Ok(300), Ok(10), Ok(10)) with
        {
            Pricing = new Dictionary<string, ModelPrice> { ["p0:m0"] = new(1, 1), ["p1:m1"] = new(5, 5), ["p2:m2"] = new(1, 1) },
        };

        var seed = Run(question);
        var sequential = Run(question, HarnVariant.Sequential);

        Assert.False(seed.Succeeded);
        Assert.Equal([HarnAttemptStatus.RaceLost, HarnAttemptStatus.Failed], Statuses(seed));
        Assert.Equal(ErrorCategory.BudgetExceeded, seed.Attempts[1].Error!.Category);
        Assert.True(sequential.Succeeded);
    }

    [Fact]
    public void Sequential_RunsTheSameLinksOneAfterAnother()
    {
        var run = Run(Question(Raced(links: 2), Fail(ErrorCategory.RateLimit, ms: 150), Ok(400)), HarnVariant.Sequential);

        Assert.True(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Failed, HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.Equal(550, run.ElapsedMs);
    }

    [Fact]
    public void RaceFixed_AFailedRacerWaitsForTheOther()
    {
        var run = Run(Question(Raced(links: 2), Fail(ErrorCategory.RateLimit, ms: 150), Ok(400)), HarnVariant.RaceFixed);

        Assert.True(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Failed, HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.Equal(1, run.Selected);
        Assert.Equal(500, run.ElapsedMs);
        Assert.Equal(ErrorCategory.RateLimit, run.Attempts[0].Error!.Category);
    }

    [Fact]
    public void RaceFixed_BothFailing_BlamesEachRacerAndContinuesByTheBackupsError()
    {
        var run = Run(Question(Raced(), Fail(ErrorCategory.Auth, ms: 150), Fail(ErrorCategory.RateLimit, ms: 100), Ok()), HarnVariant.RaceFixed);

        Assert.True(run.Succeeded);
        Assert.Equal([ErrorCategory.Auth, ErrorCategory.RateLimit], run.Attempts.Take(2).Select(a => a.Error!.Category));
    }

    [Fact]
    public void RaceFixed_NoDeadlineBeyondEachCallsOwnTimeout()
    {
        var run = Run(Question(Raced(links: 2), Ok(500_000), Ok(600_000)), HarnVariant.RaceFixed);

        Assert.True(run.Succeeded);
        Assert.Equal(500_000, run.ElapsedMs);
    }

    [Fact]
    public void RaceFixed_BackupTheBudgetWouldSkip_IsNotRaced()
    {
        var question = Question(Raced(links: 3, budget: new BudgetRules(2.5, null, OnExceed.Skip)), Ok(300), Ok(10), Ok(10)) with
        {
            Pricing = new Dictionary<string, ModelPrice> { ["p0:m0"] = new(1, 1), ["p1:m1"] = new(5, 5), ["p2:m2"] = new(1, 1) },
        };

        var run = Run(question, HarnVariant.RaceFixed);

        Assert.True(run.Succeeded);
        Assert.Equal([HarnAttemptStatus.Succeeded], Statuses(run));
        Assert.DoesNotContain("race_started", Events(run));
    }

    [Fact]
    public void Race_HugeDurations_SaturateTheClockInsteadOfWrapping()
    {
        var policy = Raced(raceAfterMs: long.MaxValue - 10, links: 2);

        var run = Run(Question(policy, Ok(long.MaxValue), Ok(long.MaxValue)));

        Assert.True(run.Succeeded);
        Assert.Equal(long.MaxValue, run.ElapsedMs);
    }
}
