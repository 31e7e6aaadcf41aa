using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;
using RouteShadow.Core.World;
using static RouteShadow.Core.Tests.Support.Attempts;

namespace RouteShadow.Core.Tests.Shadow;

/// <summary>
/// route_executor_shadow.rs's own tests (engines spec §9.4, SH1–SH8) through <see cref="ShadowRunner"/>,
/// with the full attempt lists the spec verified at 37c4485, and the runner's verdicts.
/// SH3 is historical (fce6ea8's executor ignored last_good): its inputs give SH4's result at 37c4485.
/// Not applicable: RP1–RP11 need the station-routing planner (routing_plan.rs, engines spec §7);
/// Core takes the stations already in proxy order.
/// </summary>
public sealed class ShadowRunnerTests
{
    private readonly LbStateMap _states = new();

    [Fact]
    public void Compare_ModelSkipThenFailover_BothEnginesSkipThenSelect() // SH1
    {
        var routing = Some.Station("routing", Shadow("https://old.example/v1", "old", "gpt-4.1"), Shadow("https://new.example/v1", "new", "gpt-5"));

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([routing], _states, "gpt-5")).Report;

        ShadowAttempt[] expected =
        [
            Skipped("routing", 0, "https://old.example/v1", "old", "0", ["legacy", "routing", "old"], [0], 1, 2),
            Selected("routing", 1, "https://new.example/v1", "new", "1", ["legacy", "routing", "new"], [0], 1, 2),
        ];
        Assert.True(report.Matches);
        AssertEqual(expected, report.ExecutorAttempts);
        AssertEqual(expected, report.LegacyAttempts);
    }

    [Fact]
    public void Compare_TwoStations_KeepsAvoidIndicesPerStationAndTotalGlobal() // SH2
    {
        var alpha = Some.Station("alpha", Shadow("https://alpha.example/v1", "alpha"));
        var beta = Some.Station("beta", Shadow("https://beta-one.example/v1", "beta-one"), Shadow("https://beta-two.example/v1", "beta-two"));

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([alpha, beta], _states)).Report;

        ShadowAttempt[] expected =
        [
            Selected("alpha", 0, "https://alpha.example/v1", "alpha", "0", ["legacy", "alpha", "alpha"], [], 0, 3),
            Selected("beta", 0, "https://beta-one.example/v1", "beta-one", "0", ["legacy", "beta", "beta-one"], [], 1, 3),
            Selected("beta", 1, "https://beta-two.example/v1", "beta-two", "1", ["legacy", "beta", "beta-two"], [0], 2, 3),
        ];
        Assert.True(report.Matches);
        AssertEqual(expected, report.ExecutorAttempts);
        AssertEqual(expected, report.LegacyAttempts);
    }

    [Fact]
    public void Compare_LastGoodStateAt37c4485_MatchesInsteadOfHistoricalMismatch() // SH3 (fce6ea8 only; 37c4485 gives SH4)
    {
        var (routing, lb) = PrimaryAndSticky();

        var comparison = ShadowRunner.CodexHelper.Compare(Some.Question([routing], _states));

        Assert.Equal(ShadowVerdict.Match, comparison.Verdict);
        Assert.Equal([("routing", 1), ("routing", 0)], Order(comparison.Report.ExecutorAttempts));
        Assert.Equal(1, lb.SelectUpstreamStrict());
    }

    [Fact]
    public void Compare_LastGoodState_MatchesWithoutMutatingRealState() // SH4
    {
        var (routing, lb) = PrimaryAndSticky();
        Assert.Equal(1, lb.SelectUpstreamStrict());
        var before = StateDump.Of(_states);

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([routing], _states)).Report;

        ShadowAttempt[] expected =
        [
            Selected("routing", 1, "https://sticky.example/v1", "sticky", "1", ["legacy", "routing", "sticky"], [], 0, 2),
            Selected("routing", 0, "https://primary.example/v1", "primary", "0", ["legacy", "routing", "primary"], [1], 1, 2),
        ];
        Assert.True(report.Matches);
        AssertEqual(expected, report.LegacyAttempts);
        AssertEqual(expected, report.ExecutorAttempts);
        Assert.Equal(before, StateDump.Of(_states));
        Assert.Equal(1, lb.SelectUpstreamStrict());
    }

    [Fact]
    public void Compare_CooldownState_MatchesWithoutMutatingRealState() // SH5
    {
        var routing = Some.Station("routing", Shadow("https://cooldown.example/v1", "cooldown"), Shadow("https://ready.example/v1", "ready"));
        var lb = new LoadBalancer(routing, _states);
        lb.Penalize(0, 60, Some.NoBackoff, Some.Now);

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([routing], _states)).Report;

        ShadowAttempt[] expected = [Selected("routing", 1, "https://ready.example/v1", "ready", "1", ["legacy", "routing", "ready"], [], 0, 2)];
        Assert.True(report.Matches);
        AssertEqual(expected, report.ExecutorAttempts);
        AssertEqual(expected, report.LegacyAttempts);
        Assert.Equal(1, lb.SelectUpstreamStrict());
    }

    [Fact]
    public void Compare_ExhaustedStation_ContinuesToNextStation() // SH6
    {
        var alpha = Some.Station("alpha", Shadow("https://alpha.example/v1", "alpha"));
        var beta = Some.Station("beta", Shadow("https://beta.example/v1", "beta"));
        new LoadBalancer(alpha, _states).Penalize(0, 60, Some.NoBackoff, Some.Now);

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([alpha, beta], _states)).Report;

        ShadowAttempt[] expected = [Selected("beta", 0, "https://beta.example/v1", "beta", "0", ["legacy", "beta", "beta"], [], 0, 2)];
        Assert.True(report.Matches);
        AssertEqual(expected, report.ExecutorAttempts);
        AssertEqual(expected, report.LegacyAttempts);
    }

    [Fact]
    public void Compare_FirstUsageExhausted_FallsBackToItLast() // SH7
    {
        var routing = Some.Station("routing", Shadow("https://limited.example/v1", "limited"), Shadow("https://available.example/v1", "available"));
        new LoadBalancer(routing, _states).LaidOutState().UsageExhausted[0] = true;

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([routing], _states)).Report;

        ShadowAttempt[] expected =
        [
            Selected("routing", 1, "https://available.example/v1", "available", "1", ["legacy", "routing", "available"], [], 0, 2),
            Selected("routing", 0, "https://limited.example/v1", "limited", "0", ["legacy", "routing", "limited"], [1], 1, 2),
        ];
        Assert.True(report.Matches);
        AssertEqual(expected, report.ExecutorAttempts);
        AssertEqual(expected, report.LegacyAttempts);
    }

    [Fact]
    public void Compare_AllUsageExhausted_SecondRoundInOrder() // SH8
    {
        var routing = Some.Station("routing", Shadow("https://limited-one.example/v1", "limited-one"), Shadow("https://limited-two.example/v1", "limited-two"));
        var state = new LoadBalancer(routing, _states).LaidOutState();
        state.UsageExhausted[0] = true;
        state.UsageExhausted[1] = true;

        var report = ShadowRunner.CodexHelper.Compare(Some.Question([routing], _states)).Report;

        ShadowAttempt[] expected =
        [
            Selected("routing", 0, "https://limited-one.example/v1", "limited-one", "0", ["legacy", "routing", "limited-one"], [], 0, 2),
            Selected("routing", 1, "https://limited-two.example/v1", "limited-two", "1", ["legacy", "routing", "limited-two"], [0], 1, 2),
        ];
        Assert.True(report.Matches);
        AssertEqual(expected, report.ExecutorAttempts);
        AssertEqual(expected, report.LegacyAttempts);
    }

    [Fact]
    public void Compare_Match_HasNoDiffAndNoClasses()
    {
        var comparison = ShadowRunner.CodexHelper.Compare(Some.Question([Some.Station("routing", "https://a/v1")]));

        Assert.Equal(ShadowVerdict.Match, comparison.Verdict);
        Assert.Same(AttemptDiff.None, comparison.Diff);
        Assert.Empty(comparison.Classes);
        Assert.Null(comparison.Error);
    }

    [Fact]
    public void Compare_EngineThrows_ReportsEngineErrorInsteadOfAVerdict()
    {
        var runner = new ShadowRunner(new LegacyEngine(), new ThrowingEngine());

        var comparison = runner.Compare(Some.Question([Some.Station("routing", "https://a/v1")]));

        Assert.Equal(ShadowVerdict.EngineError, comparison.Verdict);
        Assert.Equal("InvalidOperationException: boom", comparison.Error);
        Assert.Empty(comparison.Report.LegacyAttempts);
        Assert.Empty(comparison.Classes);
    }

    [Fact]
    public void CodexHelper_Engines_AreLegacyThenExecutor()
    {
        Assert.Equal(("legacy", "executor"), (ShadowRunner.CodexHelper.Legacy.Name, ShadowRunner.CodexHelper.Executor.Name));
    }

    /// <summary>SH3/SH4: <c>routing = [primary, sticky]</c>, <c>record_result_with_backoff(1, true, 30, NB)</c>.</summary>
    private (Station Routing, LoadBalancer Lb) PrimaryAndSticky()
    {
        var routing = Some.Station("routing", Shadow("https://primary.example/v1", "primary"), Shadow("https://sticky.example/v1", "sticky"));
        var lb = new LoadBalancer(routing, _states);
        lb.RecordResult(1, success: true, 30, Some.NoBackoff, Some.Now);
        return (routing, lb);
    }

    /// <summary>The shadow tests' <c>upstream(url, pid, models)</c>.</summary>
    private static Upstream Shadow(string url, string providerId, params string[] models) =>
        Some.Upstream(url, providerId: providerId, supports: models);

    private sealed class ThrowingEngine : IRoutingEngine
    {
        public string Name => "throwing";

        public IReadOnlyList<ShadowAttempt> Plan(RoutingQuestion question) => throw new InvalidOperationException("boom");
    }
}
