using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Tests.Support;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Tests.LoadBalancing;

/// <summary><c>ensure_layout</c> (engines spec §2.2), including L6 and the duplicate-signature reset of S05.</summary>
public sealed class LbStateTests
{
    [Fact]
    public void EnsureLayout_BareUrlSignatureAndUnambiguousUrls_MigratesThroughBaseUrl() // L6
    {
        var state = LbState.Recorded(
            LayoutSignature.FromRecordedKeys(["https://primary.example", "https://backup.example"]), [3, 0], [null, null], [false, true], [2, 0]);
        state.LastGoodIndex = 1;
        var layout = Some.Station(
            "routing",
            Some.Upstream("https://backup.example", "backup", "default"),
            Some.Upstream("https://primary.example", "primary", "default"));

        state.EnsureLayout(layout.Signature);

        Assert.Equal([0u, 3u], state.FailureCounts);
        Assert.Equal([true, false], state.UsageExhausted);
        Assert.Equal([0u, 2u], state.PenaltyStreak);
        Assert.Equal(0, state.LastGoodIndex);
        Assert.Equal(layout.Signature.Keys, state.UpstreamSignature);
    }

    [Fact]
    public void EnsureLayout_BareUrlSignatureButDuplicateUrls_DropsState()
    {
        var state = LbState.Recorded(LayoutSignature.FromRecordedKeys(["https://a/v1", "https://b/v1"]), [3, 1], null, null, null);
        var layout = Some.Station(
            "routing",
            Some.Upstream("https://a/v1", "x", "1"),
            Some.Upstream("https://a/v1", "x", "2"));

        state.EnsureLayout(layout.Signature);

        Assert.Equal([0u, 0u], state.FailureCounts);
    }

    [Fact]
    public void EnsureLayout_DuplicateSignature_ResetsOnEveryCall() // S05
    {
        var station = Some.Station(
            "routing",
            Some.Upstream("https://a/v1", "x", "e"),
            Some.Upstream("https://a/v1", "x", "e"));
        var states = new LbStateMap();
        var lb = new LoadBalancer(station, states);

        Assert.True(station.Signature.HasDuplicates);

        lb.Penalize(0);
        Assert.Equal([3u, 0u], PeekCounts(states));

        lb.LaidOutState();

        Assert.Equal([0u, 0u], PeekCounts(states));
        states.TryGet("routing", out var state);
        Assert.All(state.CooldownUntil, c => Assert.Null(c));
    }

    [Fact]
    public void EnsureLayout_SameLayout_KeepsStateUntouched()
    {
        var station = Some.Station("routing", "https://a/v1", "https://b/v1");
        var state = LbState.Recorded(station.Signature, [2, 5], [Some.Now, null], [true, false], [1, 4]);
        state.LastGoodIndex = 7;

        state.EnsureLayout(station.Signature);

        Assert.Equal([2u, 5u], state.FailureCounts);
        Assert.Equal([(long?)Some.Now, null], state.CooldownUntil);
        Assert.Equal(7, state.LastGoodIndex);
    }

    [Fact]
    public void EnsureLayout_TaggedUpstreamRemoved_KeepsSurvivorsAndMovesSticky()
    {
        var before = Some.Station(
            "routing",
            Some.Upstream("https://a/v1", "a", "default"),
            Some.Upstream("https://b/v1", "b", "default"),
            Some.Upstream("https://c/v1", "c", "default"));
        var state = LbState.Recorded(before.Signature, [1, 2, 3], null, [false, false, true], null);
        state.LastGoodIndex = 2;
        var after = Some.Station("routing", before.Upstreams[2], before.Upstreams[0]);

        state.EnsureLayout(after.Signature);

        Assert.Equal([3u, 1u], state.FailureCounts);
        Assert.Equal([true, false], state.UsageExhausted);
        Assert.Equal(0, state.LastGoodIndex);
    }

    private static uint[] PeekCounts(LbStateMap states)
    {
        states.TryGet("routing", out var state);
        return state.FailureCounts;
    }
}
