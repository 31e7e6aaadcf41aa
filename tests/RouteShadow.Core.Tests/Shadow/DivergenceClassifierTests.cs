using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Fixtures;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Shadow;

/// <summary>The divergence classes of engines spec §8 (D1, D2, D3, D4, D6, D10), assigned by counterfactual.</summary>
public sealed class DivergenceClassifierTests
{
    private static readonly DivergenceClassifier Classifier = new(EnginesAgree);

    [Theory]
    [InlineData("S01", DivergenceClass.ExhaustedStickyUpstream)] // D1
    [InlineData("S02", DivergenceClass.MultiStationSticky)] // D2
    [InlineData("S03", DivergenceClass.CrossStationKeyCollision)] // D3a
    [InlineData("S03b", DivergenceClass.CrossStationKeyCollision)] // D3b
    [InlineData("S04", DivergenceClass.InStationKeyCollision)] // D4a
    [InlineData("S04b", DivergenceClass.InStationKeyCollision)] // D4b
    [InlineData("S06", DivergenceClass.CooldownBelowThreshold)] // D6
    public void Classify_SpecMismatch_NamesExactlyItsClass(string id, DivergenceClass expected)
    {
        var question = ScenarioBuilder.Build(SpecFixtures.Get(id).Scenario, Some.Now);
        Assert.False(EnginesAgree(question));

        Assert.Equal([expected], Classifier.Classify(question));
    }

    [Fact]
    public void Classify_RepeatedStationName_NamesRepeatedStationName() // D10 / S11
    {
        var question = Some.Question([Some.Station("alpha", "https://a0/v1"), Some.Station("alpha", "https://a0/v1")]);

        Assert.Equal([DivergenceClass.RepeatedStationName], Classifier.Classify(question));
    }

    /// <summary>
    /// Causes that interact: undoing the exhausted sticky in alpha also takes away alpha's sticky,
    /// the first of the two stickies multi-station-sticky needs. Judged one at a time, causes were
    /// under-blamed here; the classes blamed must together cure the mismatch.
    /// </summary>
    [Fact]
    public void Classify_InteractingCauses_BlamesASetWhoseRemovalCuresTheMismatch()
    {
        var alpha = Some.Station("alpha", Some.Upstream("https://a0/v1"), Some.Upstream("https://a1/v1", "beta#1"));
        var beta = Some.Station("beta", "https://b0/v1", "https://b1/v1", "https://b2/v1");
        var states = new LbStateMap();
        new LoadBalancer(alpha, states).Success(0).LaidOutState().UsageExhausted[0] = true;
        new LoadBalancer(beta, states).Success(2).Penalize(1);
        var question = Some.Question([alpha, beta], states);
        Assert.False(EnginesAgree(question));

        var classes = Classifier.Classify(question);

        Assert.Equal([DivergenceClass.MultiStationSticky, DivergenceClass.CrossStationKeyCollision], classes);
    }

    [Fact]
    public void Classify_ExhaustedStickyAndCooldownBelowThresholdInDifferentStations_CarriesBothClasses()
    {
        var alpha = Some.Station("alpha", "https://a/v1", "https://b/v1");
        var beta = Some.Station("beta", "https://c/v1", "https://d/v1");
        var states = new LbStateMap();
        var sticky = new LoadBalancer(alpha, states).Success(1).LaidOutState();
        sticky.UsageExhausted[0] = true;
        sticky.UsageExhausted[1] = true;
        var cooling = new LoadBalancer(beta, states).LaidOutState();
        cooling.FailureCounts[0] = 1;
        cooling.CooldownUntil[0] = Some.Now + 60_000;

        var comparison = ShadowRunner.CodexHelper.Compare(Some.Question([alpha, beta], states));

        Assert.Equal(ShadowVerdict.Mismatch, comparison.Verdict);
        Assert.Equal([DivergenceClass.ExhaustedStickyUpstream, DivergenceClass.CooldownBelowThreshold], comparison.Classes);
    }

    [Fact]
    public void Classify_RepeatedStationWithCooldownBelowThreshold_CarriesBothClasses()
    {
        var alpha = Some.Station("alpha", "https://a/v1", "https://b/v1");
        var states = new LbStateMap();
        var state = new LoadBalancer(alpha, states).LaidOutState();
        state.FailureCounts[0] = 1;
        state.CooldownUntil[0] = Some.Now + 60_000;

        var classes = Classifier.Classify(Some.Question([alpha, alpha], states));

        Assert.Equal([DivergenceClass.CooldownBelowThreshold, DivergenceClass.RepeatedStationName], classes);
    }

    public static TheoryData<string> MatchingIds { get; } = ["S02b", "S05", "S07", "S08", "S09", "S10", "S12", "S13", "S14"];

    [Theory]
    [MemberData(nameof(MatchingIds))]
    public void Compare_SpecMatch_CarriesNoClasses(string id)
    {
        var comparison = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(SpecFixtures.Get(id).Scenario, Some.Now));

        Assert.Equal(ShadowVerdict.Match, comparison.Verdict);
        Assert.Empty(comparison.Classes);
    }

    [Fact]
    public void Classify_MismatchWithNoKnownCause_IsUnclassified()
    {
        var alwaysDisagree = new DivergenceClassifier(_ => false);

        Assert.Equal([DivergenceClass.Unclassified], alwaysDisagree.Classify(Some.Question([Some.Station("routing", "https://a/v1")])));
    }

    [Fact]
    public void Classify_KnownCauseWhoseUndoDoesNotHelp_IsUnclassified()
    {
        var alwaysDisagree = new DivergenceClassifier(_ => false);
        var question = ScenarioBuilder.Build(SpecFixtures.Get("S06").Scenario, Some.Now);

        Assert.Equal([DivergenceClass.Unclassified], alwaysDisagree.Classify(question));
    }

    [Fact]
    public void Classify_AnyQuestion_LeavesItsStatesUntouched()
    {
        var question = ScenarioBuilder.Build(SpecFixtures.Get("S04b").Scenario, Some.Now);
        var before = StateDump.Of(question.States);

        Classifier.Classify(question);

        Assert.Equal(before, StateDump.Of(question.States));
    }

    [Theory]
    [InlineData(DivergenceClass.Unclassified, "unclassified")]
    [InlineData(DivergenceClass.ExhaustedStickyUpstream, "exhausted_sticky_upstream")]
    [InlineData(DivergenceClass.MultiStationSticky, "multi_station_sticky")]
    [InlineData(DivergenceClass.CrossStationKeyCollision, "cross_station_key_collision")]
    [InlineData(DivergenceClass.InStationKeyCollision, "in_station_key_collision")]
    [InlineData(DivergenceClass.CooldownBelowThreshold, "cooldown_below_threshold")]
    [InlineData(DivergenceClass.RepeatedStationName, "repeated_station_name")]
    public void WireName_EachClass_RoundTripsThroughTryParse(DivergenceClass divergence, string wire)
    {
        Assert.Equal(wire, divergence.WireName());
        Assert.True(DivergenceClassNames.TryParse(wire, out var parsed));
        Assert.Equal(divergence, parsed);
    }

    [Fact]
    public void TryParse_UnknownName_Fails()
    {
        Assert.False(DivergenceClassNames.TryParse("Exhausted_Sticky_Upstream", out _));
    }

    private static bool EnginesAgree(RoutingQuestion question) =>
        new LegacyEngine().Plan(question).SequenceEqual(new ExecutorEngine().Plan(question));
}
