using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Generators;
using RouteShadow.Testing.Properties;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Properties;

/// <summary>
/// The classifier is right: the engines disagree only where a known cause is present, a sole
/// cause is named and removing it makes them agree, and removing every known cause always does.
/// </summary>
public sealed class ClassificationPropertiesTests
{
    public static TheoryData<ScenarioMode> Modes => [ScenarioMode.FreeForm, ScenarioMode.Reachable];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Classes_NoKnownCausePresent_EnginesAgree(ScenarioMode mode)
    {
        PropertyRuns.Check(Prop.ForAll(Arbitrary(mode), scenario =>
        {
            var question = Question(scenario);
            return Counterfactuals.Present(question).Count > 0 || Verdict(question) == ShadowVerdict.Match;
        }), seed: 51);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Classes_SoleCause_IsNamedAndRemovingItMakesTheEnginesAgree(ScenarioMode mode)
    {
        PropertyRuns.Check(Prop.ForAll(Arbitrary(mode), scenario =>
        {
            var question = Question(scenario);
            var comparison = ShadowRunner.CodexHelper.Compare(question);
            var present = Counterfactuals.Present(question);
            return present.Count != 1 || comparison.Verdict != ShadowVerdict.Mismatch
                   || (comparison.Classes.SequenceEqual(present) && Verdict(Counterfactuals.Without(question, present[0])) == ShadowVerdict.Match);
        }), seed: 52);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Classes_RemovingEveryKnownCause_MakesTheEnginesAgree(ScenarioMode mode)
    {
        PropertyRuns.Check(Prop.ForAll(Arbitrary(mode), scenario =>
        {
            var question = Question(scenario);
            var present = Counterfactuals.Present(question);
            return Verdict(present.Aggregate(question, Counterfactuals.Without)) == ShadowVerdict.Match;
        }), seed: 53);
    }

    /// <summary>The properties above are not vacuous: every class that files can show turns up as a sole cause.</summary>
    [Fact]
    public void Classes_EveryFileClassOccursAsASoleCause()
    {
        var soleCauses = Enumerable.Range(0, 2000)
            .Select(i => Question(new FuzzCase(1, i).Generate(ScenarioMode.FreeForm)))
            .Where(question => Verdict(question) == ShadowVerdict.Mismatch)
            .Select(Counterfactuals.Present)
            .Where(present => present.Count == 1)
            .Select(present => present[0])
            .ToHashSet();

        Assert.Equal(ShadowProperties.KnownDivergences.Where(c => c != DivergenceClass.RepeatedStationName).Order(), soleCauses.Order());
    }

    private static Arbitrary<Scenario> Arbitrary(ScenarioMode mode) =>
        mode == ScenarioMode.Reachable ? ReachableScenarios.Scenarios : FreeFormScenarios.Scenarios;

    private static RoutingQuestion Question(Scenario scenario) => ScenarioBuilder.Build(scenario, ScenarioShadow.NowMs);

    private static ShadowVerdict Verdict(RoutingQuestion question) => ShadowRunner.CodexHelper.Compare(question).Verdict;
}
