using FsCheck.Fluent;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Generators;
using RouteShadow.Testing.Properties;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Generators;

public sealed class ScenarioGenTests
{
    [Theory]
    [InlineData(ScenarioMode.FreeForm)]
    [InlineData(ScenarioMode.Reachable)]
    public void Generate_SameSeedAndSize_DrawsTheSameScenario(ScenarioMode mode)
    {
        for (var seed = 0UL; seed < 200; seed++)
        {
            Assert.Equal(
                ScenarioWriter.ToUtf8(ScenarioGen.Generate(mode, seed, ScenarioGen.MaxSize)),
                ScenarioWriter.ToUtf8(ScenarioGen.Generate(mode, seed, ScenarioGen.MaxSize)));
        }
    }

    [Fact]
    public void Generate_DifferentSeeds_DrawDifferentScenarios()
    {
        var files = Enumerable.Range(0, 200)
            .Select(seed => Convert.ToBase64String(ScenarioWriter.ToUtf8(ScenarioGen.Generate(ScenarioMode.FreeForm, (ulong)seed, ScenarioGen.MaxSize) with { Name = "" })))
            .Distinct()
            .Count();

        Assert.True(files > 190, $"only {files} distinct scenarios in 200 seeds");
    }

    [Theory]
    [InlineData(ScenarioMode.FreeForm)]
    [InlineData(ScenarioMode.Reachable)]
    public void Generate_SizeZero_DrawsOneStationOfAtMostOneUpstreamAndNoEvents(ScenarioMode mode)
    {
        for (var seed = 0UL; seed < 200; seed++)
        {
            var scenario = ScenarioGen.Generate(mode, seed, size: 0);

            var station = Assert.Single(scenario.Stations);
            Assert.InRange(station.Station.Upstreams.Count, 0, 1);
            Assert.Empty(station.Events);
        }
    }

    [Fact]
    public void Generate_FullSize_ReachesThreeStationsOfFourUpstreams()
    {
        var scenarios = Enumerable.Range(0, 500).Select(seed => ScenarioGen.Generate(ScenarioMode.FreeForm, (ulong)seed, ScenarioGen.MaxSize)).ToList();

        Assert.Equal(3, scenarios.Max(s => s.Stations.Count));
        Assert.Equal(4, scenarios.Max(s => s.Stations.Max(station => station.Station.Upstreams.Count)));
    }

    /// <summary>Every generated scenario is a plain, valid file: the strict reader takes it back unchanged.</summary>
    [Theory]
    [InlineData(ScenarioMode.FreeForm)]
    [InlineData(ScenarioMode.Reachable)]
    public void Generate_ScenarioFile_RoundTripsThroughTheReader(ScenarioMode mode)
    {
        var arbitrary = mode == ScenarioMode.Reachable ? ReachableScenarios.Scenarios : FreeFormScenarios.Scenarios;
        PropertyRuns.Check(Prop.ForAll(arbitrary, scenario =>
        {
            var file = ScenarioWriter.ToUtf8(scenario);
            var read = ScenarioReader.Read(file);
            return ScenarioWriter.ToUtf8(read).AsSpan().SequenceEqual(file)
                   && ScenarioShadow.Compare(read).Report.Matches == ScenarioShadow.Compare(scenario).Report.Matches;
        }), seed: 11);
    }

    /// <summary>
    /// Production keeps an active cooldown only on an upstream at or past the failure threshold;
    /// reachable states must too, once laid out as the engines read them.
    /// </summary>
    [Fact]
    public void Reachable_States_KeepTheCooldownInvariant()
    {
        PropertyRuns.Check(Prop.ForAll(ReachableScenarios.Scenarios, scenario =>
        {
            var question = ScenarioBuilder.Build(scenario, ScenarioShadow.NowMs);
            return question.Stations.All(station =>
            {
                question.States.TryGet(station.Name, out var stored);
                var state = LbState.ReadLaidOut(stored, station.Signature);
                return Enumerable.Range(0, state.CooldownUntil.Length).All(i =>
                    state.CooldownUntil[i] is not { } until || until <= question.NowMs
                    || state.FailureCounts[i] >= LoadBalancerConstants.FailureThreshold);
            });
        }), seed: 12);
    }
}
