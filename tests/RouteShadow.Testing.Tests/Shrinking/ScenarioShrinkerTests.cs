using FsCheck.Fluent;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;
using RouteShadow.Testing.Properties;
using RouteShadow.Testing.Shrinking;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Shrinking;

public sealed class ScenarioShrinkerTests
{
    [Fact]
    public void Shrink_EveryCandidate_IsAValidStrictlySmallerScenario()
    {
        PropertyRuns.Check(Prop.ForAll(FreeFormScenarios.Scenarios, scenario =>
            ScenarioShrinker.Shrink(scenario).All(candidate =>
                ScenarioReader.Read(ScenarioWriter.ToUtf8(candidate)) is not null
                && candidate.Expect is null
                && ScenarioMeasure.Of(candidate) < ScenarioMeasure.Of(scenario))), seed: 21);
    }

    [Fact]
    public void WithoutUpstream_RemovesItsStateEntriesAndEventsAndRenumbersTheRest()
    {
        var station = new ScenarioStation(
            new Station("alpha", [Some.Upstream("a"), Some.Upstream("b"), Some.Upstream("c")]),
            new ScenarioState([1, 2, 3], [null, 5_000, null], null, [0, 1, 2], LastGoodIndex: 2, Layout: null),
            [Some.Success(1), Some.Success(2), new AdvanceEvent(1_000), new PenalizeEvent(0, 60, "scenario", CooldownBackoff.None)]);

        var shrunk = ScenarioEdits.WithoutUpstream(station, 1);

        Assert.Equal(["https://a.example/v1", "https://c.example/v1"], shrunk.Station.Upstreams.Select(u => u.BaseUrl));
        Assert.Equal([1u, 3u], shrunk.State!.FailureCounts!);
        Assert.Equal([null, null], shrunk.State.CooldownRemainingMs);
        Assert.Null(shrunk.State.UsageExhausted);
        Assert.Equal([0u, 2u], shrunk.State.PenaltyStreak!);
        Assert.Equal(1, shrunk.State.LastGoodIndex);
        Assert.Equal<ScenarioEvent>([Some.Success(1), new AdvanceEvent(1_000), new PenalizeEvent(0, 60, "scenario", CooldownBackoff.None)], shrunk.Events);
    }

    [Fact]
    public void WithoutUpstream_StateUnderAnOlderLayout_KeepsTheState()
    {
        var recorded = new ScenarioState([3], null, null, null, 0, [Some.Upstream("a")]);
        var station = new ScenarioStation(new Station("alpha", [Some.Upstream("a"), Some.Upstream("b")]), recorded, []);

        Assert.Same(recorded, ScenarioEdits.WithoutUpstream(station, 0).State);
    }

    /// <summary>Migrating a recorded layout away must not change the question the scenario poses.</summary>
    [Fact]
    public void WithStateMigrated_PosesTheSameQuestion()
    {
        PropertyRuns.Check(Prop.ForAll(FreeFormScenarios.Scenarios, scenario =>
        {
            var migrated = scenario with { Stations = [.. scenario.Stations.Select(ScenarioEdits.WithStateMigrated)] };
            return migrated.Stations.All(s => s.State?.Layout is null)
                   && ScenarioShadow.Compare(migrated).Report.LegacyAttempts.SequenceEqual(ScenarioShadow.Compare(scenario).Report.LegacyAttempts)
                   && ScenarioShadow.Compare(migrated).Report.ExecutorAttempts.SequenceEqual(ScenarioShadow.Compare(scenario).Report.ExecutorAttempts);
        }), seed: 22);
    }

    [Fact]
    public void Minimize_ReturnsALocalMinimum()
    {
        static bool Disagree(Scenario s) => ScenarioShadow.Compare(s).Verdict == ShadowVerdict.Mismatch;
        var start = Some.ExhaustedSticky() with
        {
            Stations = [.. Some.ExhaustedSticky().Stations, new ScenarioStation(new Station("beta", [Some.Upstream("c", ("region", "eu"))]), null, [])],
        };

        var minimal = ScenarioShrinker.Minimize(start, Disagree);

        Assert.True(Disagree(minimal));
        Assert.DoesNotContain(ScenarioShrinker.Shrink(minimal), Disagree);
        Assert.Single(minimal.Stations);
    }

    /// <summary>
    /// FsCheck shrinks a failing property's counterexample through the arbitrary's shrinker: the
    /// last case it reports failing is small.
    /// </summary>
    [Fact]
    public void Arbitrary_FailingProperty_ShrinksTheCounterexample()
    {
        Scenario? lastFailing = null;
        var everythingAgrees = Prop.ForAll(FreeFormScenarios.Scenarios, scenario =>
        {
            var agrees = ScenarioShadow.Compare(scenario).Verdict == ShadowVerdict.Match;
            lastFailing = agrees ? lastFailing : scenario;
            return agrees;
        });

        Assert.ThrowsAny<Exception>(() => PropertyRuns.Check(everythingAgrees, seed: 23));

        Assert.NotNull(lastFailing);
        Assert.InRange(lastFailing.Stations.Count, 1, 2);
        Assert.InRange(lastFailing.Stations.Sum(s => s.Station.Upstreams.Count), 1, 3);
        Assert.DoesNotContain(lastFailing.Stations.SelectMany(s => s.Station.Upstreams), u => u.Tags.ContainsKey("region"));
    }
}
