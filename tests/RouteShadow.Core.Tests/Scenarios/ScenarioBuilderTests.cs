using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;
using RouteShadow.Core.World;
using static RouteShadow.Core.Tests.Support.Attempts;

namespace RouteShadow.Core.Tests.Scenarios;

/// <summary>How a scenario becomes a routing question (scenario-format.md, "How a scenario is built").</summary>
public sealed class ScenarioBuilderTests
{
    private static readonly Station Routing = Some.Station("routing", "https://a/v1", "https://b/v1", "https://c/v1", "https://d/v1");

    [Fact]
    public void Build_CooldownRemaining_BecomesDeadlinesOnTheScenarioClock()
    {
        var state = new ScenarioState([3, 3, 3, 3], [60_000, 0, -5, null], [false, true, false, false], [1, 2, 3, 4], 2, null);

        var question = ScenarioBuilder.Build(Scenario([new(Routing, state, [])]), Some.Now);

        Assert.True(question.States.TryGet("routing", out var built));
        Assert.Equal([Some.Now + 60_000, Some.Now - 1, Some.Now - 1, null], built.CooldownUntil);
        Assert.Equal([3u, 3u, 3u, 3u], built.FailureCounts);
        Assert.Equal([false, true, false, false], built.UsageExhausted);
        Assert.Equal([1u, 2u, 3u, 4u], built.PenaltyStreak);
        Assert.Equal(2, built.LastGoodIndex);
        Assert.Equal((Some.Now, "codex", (string?)null), (question.NowMs, question.Service, question.Model));
    }

    [Fact]
    public void Build_StationWithoutStateOrEvents_HasNoStateEntry()
    {
        var beta = Some.Station("beta", "https://b/v1");

        var question = ScenarioBuilder.Build(Scenario([new(Routing, null, []), new(beta, null, [new RecordEvent(0, true, 30, CooldownBackoff.None)])]), Some.Now);

        Assert.False(question.States.TryGet("routing", out _));
        Assert.True(question.States.TryGet("beta", out var touched));
        Assert.Equal(0, touched.LastGoodIndex);
    }

    [Fact]
    public void Build_AdvanceInLaterStation_MovesEarlierStationsDeadlines()
    {
        var alpha = Some.Station("alpha", "https://a/v1");
        var beta = Some.Station("beta", "https://b/v1");
        var scenario = Scenario(
        [
            new(alpha, null, [new PenalizeEvent(0, 60, "t", CooldownBackoff.None)]),
            new(beta, null, [new AdvanceEvent(61_000)]),
        ]);

        var question = ScenarioBuilder.Build(scenario, Some.Now);
        var report = ShadowRunner.CodexHelper.Compare(question).Report;

        question.States.TryGet("alpha", out var penalized);
        Assert.Equal(Some.Now - 1_000, penalized.CooldownUntil[0]);
        Assert.False(question.States.TryGet("beta", out _));
        AssertEqual([Sel(alpha, 0, [], 0, 2), Sel(beta, 0, [], 1, 2)], report.LegacyAttempts);
        Assert.True(report.Matches);
    }

    [Fact]
    public void Build_StateRecordedUnderOtherLayout_IsMigratedByTheEngines()
    {
        var a = Some.Upstream("https://a/v1", "a", "default");
        var b = Some.Upstream("https://b/v1", "b", "default");
        var current = Some.Station("routing", a, b);
        var recorded = new ScenarioState([3, 0], null, null, null, null, [b, a]);

        var question = ScenarioBuilder.Build(Scenario([new(current, recorded, [])]), Some.Now);
        var report = ShadowRunner.CodexHelper.Compare(question).Report;

        AssertEqual([Sel(current, 0, [], 0, 2)], report.LegacyAttempts);
        Assert.True(report.Matches);
    }

    private static Scenario Scenario(ScenarioStation[] stations) => new("test", "codex", new ScenarioRequest(null), stations);
}
