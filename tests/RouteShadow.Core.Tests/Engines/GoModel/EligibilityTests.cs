using RouteShadow.Core.Engines.GoModel;
using static RouteShadow.Core.Tests.Engines.GoModel.GoModelWorld;

namespace RouteShadow.Core.Tests.Engines.GoModel;

/// <summary>Spec B.3: runtime classification, status precedence, selectability and pool status.</summary>
public sealed class EligibilityTests
{
    [Theory]
    [InlineData(3, null, null, false, RuntimeStatus.Healthy)]
    [InlineData(3, null, null, true, RuntimeStatus.Degraded)]
    [InlineData(3, null, "down", false, RuntimeStatus.Healthy)]
    [InlineData(3, "fetch", null, false, RuntimeStatus.Degraded)]
    [InlineData(0, "fetch", null, false, RuntimeStatus.Unhealthy)]
    [InlineData(0, null, "down", false, RuntimeStatus.Unhealthy)]
    [InlineData(0, null, null, false, RuntimeStatus.Degraded)]
    public void Runtime_FirstMatchingRuleWins(int discovered, string? fetch, string? availability, bool cachedOnly, RuntimeStatus expected) =>
        Assert.Equal(expected, new ProviderRuntime(discovered, fetch, availability, cachedOnly).Classify());

    [Fact]
    public void Runtime_ProviderWithoutSnapshot_IsUnknownAndSelectable()
    {
        var evaluation = Evaluate(new ManualState(poolDimension: true), NoRuntime);
        Assert.Equal(RuntimeStatus.Unknown, evaluation.Candidates[0].Runtime);
        Assert.True(evaluation.Candidates[0].Selectable);
    }

    [Fact]
    public void Status_CandidateOffBeatsProviderOffBeatsCanonicalOff()
    {
        var manual = new ManualState(poolDimension: true);
        manual.Upsert(new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, "gpt", null, false));
        manual.Upsert(new RoutingStateEntry(RoutingStateKind.Provider, "b", null, null, false));
        manual.Upsert(new RoutingStateEntry(RoutingStateKind.PoolCandidate, "a", "gpt", "m", false));
        var candidates = Evaluate(manual, NoRuntime).Candidates;
        Assert.Equal((CandidateStatus.DisabledManual, "candidate disabled manually"), (candidates[0].Status, candidates[0].Reason));
        Assert.Equal((CandidateStatus.DisabledManual, "provider disabled manually"), (candidates[1].Status, candidates[1].Reason));
        Assert.Equal((CandidateStatus.DisabledEffective, "canonical model disabled manually"), (candidates[2].Status, candidates[2].Reason));
    }

    [Fact]
    public void Degraded_IsLabelledButSelectable_UnhealthyIsNot()
    {
        var runtime = new Dictionary<string, ProviderRuntime> { ["a"] = new(0, null, null, false), ["b"] = new(0, "fetch", null, false) };
        var candidates = Evaluate(new ManualState(poolDimension: true), runtime).Candidates;
        Assert.Equal(CandidateStatus.DegradedRuntime, candidates[0].Status);
        Assert.True(candidates[0].Selectable);
        Assert.Equal(CandidateStatus.DegradedRuntime, candidates[1].Status);
        Assert.False(candidates[1].Selectable);
    }

    [Fact]
    public void PoolStatus_UnhealthyButEnabledCandidate_StillReadsEnabled()
    {
        var runtime = new Dictionary<string, ProviderRuntime> { ["b"] = new(0, "fetch", null, false) };
        Assert.Equal(PoolStatus.Enabled, Evaluate(new ManualState(poolDimension: true), runtime).Status);
    }

    [Fact]
    public void PoolStatus_FollowsTheDocumentedOrder()
    {
        var manual = new ManualState(poolDimension: true);
        manual.Upsert(new RoutingStateEntry(RoutingStateKind.Provider, "a", null, null, false));
        Assert.Equal(PoolStatus.Degraded, Evaluate(manual, NoRuntime).Status);
        manual.Upsert(new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, "gpt", null, false));
        Assert.Equal(PoolStatus.DisabledManual, Evaluate(manual, NoRuntime).Status);
    }

    private static readonly Dictionary<string, ProviderRuntime> NoRuntime = [];

    private static PoolEvaluation Evaluate(ManualState manual, IReadOnlyDictionary<string, ProviderRuntime> runtime) =>
        PoolEvaluation.Of(Config(null, ("gpt", [C("a"), C("b"), C("c")])).Pools[0], manual, runtime);
}
