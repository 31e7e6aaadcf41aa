using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Tests.Support;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Tests.LoadBalancing;

/// <summary>lb.rs's own tests (engines spec §9.1, L1–L10) and the load-balancer parts of §9.6 (S14, B3–B5).</summary>
public sealed class LoadBalancerTests
{
    private const string Primary = "https://primary.example";
    private const string Backup = "https://backup.example";

    private readonly LbStateMap _states = new();

    [Fact]
    public void SelectAvoiding_FirstUpstreamExhausted_PrefersNonExhausted() // L1
    {
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);

        Assert.Equal(0, lb.SelectUpstream());
        var state = lb.LaidOutState();
        state.UsageExhausted[0] = true;
        state.UsageExhausted[1] = false;

        Assert.Equal(1, lb.SelectUpstream());
    }

    [Fact]
    public void SelectAvoiding_AllExhausted_FallsBackToFirstInRoundTwo() // L2
    {
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);
        lb.SelectUpstream();
        lb.LaidOutState().UsageExhausted[0] = true;
        lb.LaidOutState().UsageExhausted[1] = true;

        Assert.Equal(0, lb.SelectUpstream());
    }

    [Fact]
    public void SelectAvoidingStrict_AllExhausted_StillRunsRoundTwo() // L3
    {
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);
        var state = lb.LaidOutState();
        state.UsageExhausted[0] = true;
        state.UsageExhausted[1] = true;

        Assert.Equal(0, lb.SelectUpstreamStrict());
    }

    [Fact]
    public void SelectAvoiding_UntaggedLayoutReordered_ResetsState() // L4
    {
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);
        lb.Fail(0);
        Assert.Equal([1u, 0u], lb.LaidOutState().FailureCounts);

        var reordered = new LoadBalancer(Some.Station("codex-main", Backup, Primary), _states);

        Assert.Equal(0, reordered.SelectUpstream());
        _states.TryGet("codex-main", out var state);
        Assert.Equal([0u, 0u], state.FailureCounts);
        Assert.Null(state.LastGoodIndex);
    }

    [Fact]
    public void SelectAvoiding_TaggedLayoutReordered_MigratesStateAndIgnoresCooldownBelowThreshold() // L5
    {
        var lb = new LoadBalancer(Tagged(("https://primary.example", "primary"), ("https://backup.example", "backup")), _states);
        var state = lb.LaidOutState();
        state.FailureCounts[0] = 2;
        state.CooldownUntil[0] = Some.Now + 30_000;
        state.PenaltyStreak[0] = 3;
        state.UsageExhausted[1] = true;
        state.LastGoodIndex = 1;

        var reordered = new LoadBalancer(Tagged(("https://backup.example", "backup"), ("https://primary.example", "primary")), _states);

        Assert.Equal(1, reordered.SelectUpstream());
        _states.TryGet("routing", out var after);
        Assert.Equal([0u, 2u], after.FailureCounts);
        Assert.Equal([true, false], after.UsageExhausted);
        Assert.Equal([0u, 3u], after.PenaltyStreak);
        Assert.Null(after.CooldownUntil[0]);
        Assert.Equal(Some.Now + 30_000, after.CooldownUntil[1]);
        Assert.Equal(0, after.LastGoodIndex);
    }

    [Fact]
    public void SelectAvoiding_TaggedBaseUrlChanged_ReplacesState() // L7
    {
        var lb = new LoadBalancer(Tagged(("https://old.example", "input")), _states);
        var state = lb.LaidOutState();
        state.FailureCounts[0] = 3;
        state.CooldownUntil[0] = Some.Now + 30_000;
        state.UsageExhausted[0] = true;
        state.PenaltyStreak[0] = 2;
        state.LastGoodIndex = 0;

        var moved = new LoadBalancer(Tagged(("https://new.example", "input")), _states);

        Assert.Equal(0, moved.SelectUpstream());
        _states.TryGet("routing", out var after);
        Assert.Equal([0u], after.FailureCounts);
        Assert.Equal([(long?)null], after.CooldownUntil);
        Assert.Equal([false], after.UsageExhausted);
        Assert.Equal([0u], after.PenaltyStreak);
        Assert.Null(after.LastGoodIndex);
    }

    [Fact]
    public void SelectAvoiding_ThreeFailures_AvoidsUpstreamPastThreshold() // L8
    {
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);
        lb.Fail(0).Fail(0).Fail(0);

        Assert.Equal(1, lb.SelectUpstream());
    }

    [Fact]
    public void SelectAvoiding_CooldownExpired_RestoresUpstreamAndClearsCount() // L9
    {
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);
        lb.Fail(0, baseSecs: 2).Fail(0, baseSecs: 2).Fail(0, baseSecs: 2);
        Assert.Equal(3u, lb.LaidOutState().FailureCounts[0]);
        Assert.NotNull(lb.LaidOutState().CooldownUntil[0]);
        Assert.Equal(1, lb.SelectUpstream());

        lb.LaidOutState().CooldownUntil[0] = Some.Now - 1_000;

        Assert.Equal(0, lb.SelectUpstream());
        Assert.Equal(0u, lb.LaidOutState().FailureCounts[0]);
        Assert.Null(lb.LaidOutState().CooldownUntil[0]);
    }

    [Fact]
    public void RecordResult_ThresholdCooldownsWithBackoff_GrowThenSuccessResetsStreak() // L10
    {
        var backoff = new CooldownBackoff(2, 10);
        var lb = new LoadBalancer(Some.Station("codex-main", Primary, Backup), _states);
        var state = lb.LaidOutState();

        lb.Fail(0, 2, backoff).Fail(0, 2, backoff).Fail(0, 2, backoff);
        Assert.Equal(1u, state.PenaltyStreak[0]);
        var firstRemaining = state.CooldownUntil[0]!.Value - Some.Now;
        Assert.Equal(2_000, firstRemaining);

        state.CooldownUntil[0] = Some.Now - 1_000;
        lb.SelectUpstream();
        Assert.Equal(0u, state.FailureCounts[0]);
        Assert.Equal(1u, state.PenaltyStreak[0]);

        lb.Fail(0, 2, backoff).Fail(0, 2, backoff).Fail(0, 2, backoff);
        Assert.Equal(2u, state.PenaltyStreak[0]);
        var secondRemaining = state.CooldownUntil[0]!.Value - Some.Now;
        Assert.Equal(4_000, secondRemaining);
        Assert.True(secondRemaining >= firstRemaining);

        lb.RecordResult(0, success: true, 2, backoff, Some.Now);
        Assert.Equal(0u, state.FailureCounts[0]);
        Assert.Null(state.CooldownUntil[0]);
        Assert.Equal(0u, state.PenaltyStreak[0]);
        Assert.Equal(0, state.LastGoodIndex);
    }

    [Fact]
    public void SelectAvoiding_AllPenalized_NonStrictFallsBackStrictGivesNone() // S14
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1", "https://b/v1"), _states);
        lb.Penalize(0).Penalize(1);

        Assert.Equal(0, lb.SelectUpstream());
        Assert.Equal(1, lb.SelectUpstream(0));
        Assert.Equal(0, lb.SelectUpstream(0, 1));
        Assert.Null(lb.SelectUpstreamStrict());
    }

    [Fact]
    public void Penalize_ZeroSeconds_CooldownExpiresAtOnce() // B3
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1", "https://b/v1"), _states);
        lb.Penalize(0, secs: 0);
        Assert.Equal(3u, lb.LaidOutState().FailureCounts[0]);

        Assert.Equal(0, lb.SelectUpstreamStrict());
        Assert.Equal(0u, lb.LaidOutState().FailureCounts[0]);
    }

    [Fact]
    public void RecordResult_ZeroBaseCooldown_UsesThirtySeconds() // B4
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1", "https://b/v1"), _states);
        lb.Fail(0, baseSecs: 0).Fail(0, baseSecs: 0);
        Assert.Null(lb.LaidOutState().CooldownUntil[0]);

        lb.Fail(0, baseSecs: 0);

        Assert.Equal(Some.Now + 30_000, lb.LaidOutState().CooldownUntil[0]);
    }

    [Fact]
    public void RecordResult_FailuresOnStickyUpstream_ClearStickyOnlyAtThreshold() // B5
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1", "https://b/v1"), _states);
        lb.Success(1);
        Assert.Equal(1, lb.LaidOutState().LastGoodIndex);

        lb.Fail(1);
        Assert.Equal(1, lb.LaidOutState().LastGoodIndex);
        lb.Fail(1);
        Assert.Equal(1, lb.LaidOutState().LastGoodIndex);
        lb.Fail(1);
        Assert.Null(lb.LaidOutState().LastGoodIndex);
    }

    [Fact]
    public void RecordResult_FailureOnExistingLongerCooldown_NeverShortensIt()
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1"), _states);
        lb.Penalize(0, secs: 600);

        lb.Fail(0, baseSecs: 2);

        Assert.Equal(Some.Now + 600_000, lb.LaidOutState().CooldownUntil[0]);
    }

    [Fact]
    public void Penalize_ExistingLongerCooldown_OverwritesAndShortensIt()
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1"), _states);
        lb.Penalize(0, secs: 600);

        lb.Penalize(0, secs: 5);

        Assert.Equal(Some.Now + 5_000, lb.LaidOutState().CooldownUntil[0]);
        Assert.Equal(2u, lb.LaidOutState().PenaltyStreak[0]);
    }

    [Fact]
    public void SelectAvoiding_NoUpstreams_ReturnsNoneWithoutCreatingState()
    {
        var lb = new LoadBalancer(Some.EmptyStation("empty"), _states);

        Assert.Null(lb.SelectUpstream());
        Assert.Equal(0, _states.Count);
    }

    [Fact]
    public void RecordResult_IndexPastEnd_ChangesNothing()
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1"), _states);

        lb.Fail(5).Success(5);

        Assert.Equal([0u], lb.LaidOutState().FailureCounts);
        Assert.Null(lb.LaidOutState().LastGoodIndex);
    }

    /// <summary>lb.rs <c>make_provider_endpoint_service("routing", [(url, pid, "default")])</c>.</summary>
    private static Station Tagged(params (string Url, string ProviderId)[] upstreams) =>
        Some.Station("routing", [.. upstreams.Select(u => Some.Upstream(u.Url, u.ProviderId, "default"))]);
}
