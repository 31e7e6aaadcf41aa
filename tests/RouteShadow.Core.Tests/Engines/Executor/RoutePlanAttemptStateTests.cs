using RouteShadow.Core.Engines.Executor;

namespace RouteShadow.Core.Tests.Engines.Executor;

/// <summary>Per-request avoidance on the executor side (engines spec §1.9).</summary>
public sealed class RoutePlanAttemptStateTests
{
    private static readonly ProviderEndpointKey Key = new("codex", "p", "e");

    [Fact]
    public void AvoidUpstream_SameIndexTwice_CountsOnce()
    {
        var state = new RoutePlanAttemptState();

        Assert.True(state.AvoidUpstream("alpha", 2));
        Assert.False(state.AvoidUpstream("alpha", 2));
        Assert.True(state.AvoidUpstream("alpha", 0));

        Assert.Equal(2, state.AvoidedTotal);
        Assert.Equal([0, 2], state.AvoidForStation("alpha"));
    }

    [Fact]
    public void AvoidUpstreamAndProviderEndpoint_Namespaces_AreIndependentButShareTheCounter()
    {
        var state = new RoutePlanAttemptState();

        Assert.True(state.AvoidProviderEndpoint(Key));
        Assert.False(state.AvoidProviderEndpoint(Key));
        Assert.True(state.AvoidUpstream("alpha", 0));

        Assert.Equal(2, state.AvoidedTotal);
        Assert.True(state.AvoidsProviderEndpoint(Key));
        Assert.False(state.AvoidsProviderEndpoint(new ProviderEndpointKey("codex", "alpha#0", "0")));
        Assert.True(state.AvoidsUpstream("alpha", 0));
        Assert.False(state.AvoidsUpstream("beta", 0));
    }

    [Fact]
    public void AvoidForStation_UnknownStation_IsEmpty()
    {
        Assert.Empty(new RoutePlanAttemptState().AvoidForStation("nope"));
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, 2, true)]
    [InlineData(new[] { 0, 99 }, 2, false)]
    [InlineData(new[] { 0, 1, 99 }, 2, true)]
    [InlineData(new[] { 0, 1 }, 0, false)]
    public void StationExhausted_AvoidedIndices_CountOnlyThoseBelowTotal(int[] avoided, int total, bool expected)
    {
        var state = new RoutePlanAttemptState();
        foreach (var index in avoided)
        {
            state.AvoidUpstream("alpha", index);
        }

        Assert.Equal(expected, state.StationExhausted("alpha", total));
        Assert.False(state.StationExhausted("beta", total));
    }
}
