using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.ModelRouting;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Properties;

/// <summary>
/// Properties of both engines and the shadow runner over generated worlds (<see cref="RoutingWorlds"/>).
/// Each runs a fixed number of cases from a fixed seed, so CI sees the same worlds every time;
/// a failure prints the seed to put in <c>Replay</c>.
/// </summary>
public sealed class EnginePropertiesTests
{
    private const int Cases = 200;

    [Property(MaxTest = Cases, Replay = "(2026051401,37)")]
    public Property Plan_AnyWorld_LeavesTheInputStatesUntouched() =>
        Prop.ForAll(RoutingWorlds.Arbitrary, world =>
        {
            var scenario = world.Scenario;
            var question = ScenarioBuilder.Build(scenario, Some.Now);
            // Also through the API alone: the first station repeated (a name the format rejects).
            var repeated = question with { Stations = [.. question.Stations, question.Stations[0]] };
            foreach (var q in new[] { question, repeated })
            {
                var before = StateDump.Of(q.States);

                new LegacyEngine().Plan(q);
                new ExecutorEngine().Plan(q);
                ShadowRunner.CodexHelper.Compare(q);

                Assert.Equal(before, StateDump.Of(q.States));
            }
        });

    [Property(MaxTest = Cases, Replay = "(2026051402,41)")]
    public Property Compare_SameQuestionTwice_GivesEqualComparisons() =>
        Prop.ForAll(RoutingWorlds.Arbitrary, world =>
        {
            var scenario = world.Scenario;
            var first = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, Some.Now));
            var question = ScenarioBuilder.Build(scenario, Some.Now);
            var second = ShadowRunner.CodexHelper.Compare(question);
            var third = ShadowRunner.CodexHelper.Compare(question);

            foreach (var again in new[] { second, third })
            {
                Attempts.AssertEqual(first.Report.LegacyAttempts, again.Report.LegacyAttempts);
                Attempts.AssertEqual(first.Report.ExecutorAttempts, again.Report.ExecutorAttempts);
                Assert.Equal(first.Verdict, again.Verdict);
                Assert.Equal(first.Classes, again.Classes);
                Assert.Equal(first.Diff.FirstDivergence, again.Diff.FirstDivergence);
            }
        });

    [Property(MaxTest = Cases, Replay = "(2026051403,43)")]
    public Property ScenarioWriter_WriteThenRead_GivesTheSameScenario() =>
        Prop.ForAll(RoutingWorlds.Arbitrary, world =>
        {
            var scenario = world.Scenario;
            var written = ScenarioWriter.ToUtf8(scenario);
            var read = ScenarioReader.Read(written);

            Assert.Equal(System.Text.Encoding.UTF8.GetString(written), System.Text.Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(read)));
            Assert.Equal(StateDump.Of(ScenarioBuilder.Build(scenario, Some.Now).States), StateDump.Of(ScenarioBuilder.Build(read, Some.Now).States));
            var expected = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, Some.Now)).Report;
            var actual = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(read, Some.Now)).Report;
            Attempts.AssertEqual(expected.LegacyAttempts, actual.LegacyAttempts);
            Attempts.AssertEqual(expected.ExecutorAttempts, actual.ExecutorAttempts);
        });

    [Property(MaxTest = Cases, Replay = "(2026051404,47)")]
    public Property Plan_AnyWorld_KeepsTheAttemptInvariants() =>
        Prop.ForAll(RoutingWorlds.Arbitrary, world =>
        {
            var scenario = world.Scenario;
            var question = ScenarioBuilder.Build(scenario, Some.Now);
            var report = ShadowRunner.CodexHelper.Compare(question).Report;

            AssertInvariants(question, report.LegacyAttempts);
            AssertInvariants(question, report.ExecutorAttempts);
        });

    [Property(MaxTest = Cases, Replay = "(2026051405,53)")]
    public Property Compare_AnyMismatch_IsExplainedByKnownClasses() =>
        Prop.ForAll(RoutingWorlds.Arbitrary, world =>
        {
            var scenario = world.Scenario;
            var comparison = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, Some.Now));

            Assert.NotEqual(ShadowVerdict.EngineError, comparison.Verdict);
            Assert.Equal(comparison.Verdict == ShadowVerdict.Match, comparison.Report.Matches);
            if (comparison.Verdict == ShadowVerdict.Mismatch)
            {
                Assert.NotEmpty(comparison.Classes);
                Assert.DoesNotContain(DivergenceClass.Unclassified, comparison.Classes);
            }
            else
            {
                Assert.Empty(comparison.Classes);
            }
        });

    private static void AssertInvariants(RoutingQuestion question, IReadOnlyList<ShadowAttempt> attempts)
    {
        var previousTotal = 0;
        var selected = new HashSet<(string, int)>();
        foreach (var attempt in attempts)
        {
            var station = question.Stations.Single(s => s.Name == attempt.StationName);
            Assert.Equal(question.TotalUpstreams, attempt.TotalUpstreams);
            Assert.InRange(attempt.UpstreamIndex, 0, station.Upstreams.Count - 1);
            Assert.Equal(station.Upstreams[attempt.UpstreamIndex].BaseUrl, attempt.UpstreamBaseUrl);
            Assert.Equal(["legacy", station.Name], attempt.RoutePath.Take(2));
            Assert.Equal(3, attempt.RoutePath.Count);
            Assert.True(attempt.AvoidForStation.Zip(attempt.AvoidForStation.Skip(1)).All(p => p.First < p.Second), "avoid_for_station ascending");
            Assert.All(attempt.AvoidForStation, i => Assert.InRange(i, 0, station.Upstreams.Count - 1));
            Assert.InRange(attempt.AvoidedTotal, previousTotal, question.TotalUpstreams);
            previousTotal = attempt.AvoidedTotal;
            if (attempt.Decision == AttemptDecision.Selected)
            {
                Assert.Null(attempt.Reason);
                Assert.DoesNotContain(attempt.UpstreamIndex, attempt.AvoidForStation);
                Assert.True(selected.Add((attempt.StationName, attempt.UpstreamIndex)), $"{attempt.UpstreamRef} selected twice");
                var upstream = station.Upstreams[attempt.UpstreamIndex];
                Assert.True(question.Model is null || ModelSupport.IsSupported(upstream.SupportedModels, upstream.ModelMapping, question.Model), "selected an unsupported upstream");
            }
            else
            {
                Assert.Equal("unsupported_model", attempt.Reason);
                Assert.Contains(attempt.UpstreamIndex, attempt.AvoidForStation);
                Assert.NotNull(question.Model);
            }
        }
    }
}
