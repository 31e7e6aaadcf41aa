using Microsoft.Extensions.Time.Testing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Generators;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Fuzzing;

public sealed class ParityFuzzerTests
{
    private static readonly DivergenceClass[] ReachableClasses =
    [
        DivergenceClass.ExhaustedStickyUpstream,
        DivergenceClass.MultiStationSticky,
        DivergenceClass.CrossStationKeyCollision,
        DivergenceClass.InStationKeyCollision,
    ];

    public static TheoryData<ScenarioMode> Modes => [ScenarioMode.FreeForm, ScenarioMode.Reachable];

    [Fact]
    public void Run_ReachableSeedOne_FindsTheFourReachableClassesAndNothingUnclassified()
    {
        var result = SeedOne.Reachable;

        Assert.Equal(SeedOne.Cases, result.Cases);
        Assert.Equal(ReachableClasses, result.Findings.Select(f => f.Class));
        Assert.Equal(0, result.Unclassified);
        Assert.False(result.StoppedByTimeLimit);
    }

    [Fact]
    public void Run_FreeFormSeedOne_AlsoFindsCooldownBelowThreshold()
    {
        var result = SeedOne.FreeForm;

        Assert.Equal([.. ReachableClasses, DivergenceClass.CooldownBelowThreshold], result.Findings.Select(f => f.Class));
        Assert.Equal(0, result.Unclassified);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Run_Counts_AddUpOverTheClasses(ScenarioMode mode)
    {
        var result = SeedOne.Of(mode);

        Assert.InRange(result.Mismatches, 1, result.Cases);
        Assert.All(result.Findings, f => Assert.InRange(f.Count, 1, result.Mismatches));
        Assert.True(result.Findings.Sum(f => f.Count) >= result.Mismatches);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Run_Examples_HaveAtMostTwoStationsAndThreeUpstreams(ScenarioMode mode)
    {
        Assert.All(SeedOne.Of(mode).Findings, f =>
        {
            Assert.InRange(f.Example.Stations.Count, 1, 2);
            Assert.InRange(f.Example.Stations.Sum(s => s.Station.Upstreams.Count), 1, 3);
        });
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Run_Examples_ShowTheirClassAlone(ScenarioMode mode)
    {
        Assert.All(SeedOne.Of(mode).Findings, f => Assert.Equal([f.Class], f.Example.Expect!.Classes!));
    }

    /// <summary>Every tag and model-map entry left in an example matters: without it the example no longer shows its class alone.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void Run_Examples_HaveNoUnusedTagOrMapEntry(ScenarioMode mode)
    {
        foreach (var finding in SeedOne.Of(mode).Findings)
        {
            foreach (var reduced in WithOneEntryLess(finding.Example))
            {
                var classes = ScenarioShadow.Compare(reduced).Classes;
                Assert.False(classes.SequenceEqual([finding.Class]), $"{finding.FileName} has an entry it does not need");
            }
        }
    }

    /// <summary>
    /// What <c>routeshadow check</c> does with a written example, on another clock: it reads the file
    /// back and the engines produce exactly what its expect block pins.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void Run_WrittenExamples_ReproduceUnderCheck(ScenarioMode mode)
    {
        var directory = Directory.CreateTempSubdirectory("routeshadow-fuzz-");
        try
        {
            var result = SeedOne.Of(mode);
            var paths = FuzzExampleWriter.Write(result, directory.FullName);
            var check = new ScenarioCheck(ShadowRunner.CodexHelper, new FakeTimeProvider(new DateTimeOffset(2031, 7, 4, 12, 0, 0, TimeSpan.Zero)));

            Assert.Equal(result.Findings.Select(f => Path.Combine(directory.FullName, f.FileName)), paths);
            Assert.All(paths, path =>
            {
                var outcome = check.Check(ScenarioReader.Read(File.ReadAllBytes(path)));
                Assert.Empty(outcome.ExpectationFailures);
                Assert.Equal(CheckVerdict.ExpectedMismatch, outcome.Verdict);
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Run_SameSeed_SameResultOnAnyNumberOfCores(ScenarioMode mode)
    {
        var options = new FuzzOptions { Cases = 3000, Seed = 7, Mode = mode };

        var oneCore = new ParityFuzzer(TimeProvider.System).Run(options with { MaxDegreeOfParallelism = 1 });
        var twoCores = new ParityFuzzer(TimeProvider.System).Run(options with { MaxDegreeOfParallelism = 2 });

        Assert.Equal(FuzzReport.Json(oneCore, "out"), FuzzReport.Json(twoCores, "out"));
        Assert.Equal(FuzzReport.Table(oneCore, "out"), FuzzReport.Table(twoCores, "out"));
        Assert.Equal(oneCore.Findings.Select(f => ScenarioWriter.ToUtf8(f.Example)), twoCores.Findings.Select(f => ScenarioWriter.ToUtf8(f.Example)));
    }

    [Fact]
    public void FuzzCase_NearbyRunSeeds_ShareNoCases()
    {
        var seeds = Enumerable.Range(1, 10).SelectMany(run => Enumerable.Range(0, 10_000).Select(i => new FuzzCase((ulong)run, i).Seed)).ToList();

        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    /// <summary>The seed an example's case reports, run alone, draws that very case.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void ExampleCase_Seed_ReplaysTheCaseAlone(ScenarioMode mode)
    {
        Assert.All(SeedOne.Of(mode).Findings, f =>
        {
            var replayed = new FuzzCase(f.ExampleCase.Seed, 0).Generate(mode);
            var original = new FuzzCase(SeedOne.Seed, f.ExampleCase.Index).Generate(mode);

            Assert.Equal(ScenarioWriter.ToUtf8(original), ScenarioWriter.ToUtf8(replayed));
            Assert.Contains(f.Class, ScenarioShadow.Compare(replayed).Classes);
            Assert.Equal(ScenarioWriter.ToUtf8(ScenarioGen.Generate(mode, f.ExampleCase.Seed, f.ExampleCase.Size)), ScenarioWriter.ToUtf8(replayed));
        });
    }

    [Fact]
    public void Run_TimeLimit_StopsBetweenBatchesAfterTheFirstCases()
    {
        // Every look at the stepping clock is one second later: the first batch starts at 1 s, the second would at 2 s.
        var result = new ParityFuzzer(new SteppingTimeProvider()).Run(new FuzzOptions
        {
            Cases = 100_000,
            Seed = 1,
            Mode = ScenarioMode.Reachable,
            TimeLimit = TimeSpan.FromSeconds(1.5),
        });
        var sameCases = new ParityFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = result.Cases, Seed = 1, Mode = ScenarioMode.Reachable });

        Assert.True(result.StoppedByTimeLimit);
        Assert.InRange(result.Cases, 1, 99_999);
        Assert.Equal(FuzzReport.Json(sameCases, null), FuzzReport.Json(result, null));
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new ParityFuzzer(TimeProvider.System).Run(new FuzzOptions(), cancelled.Token));
    }

    [Fact]
    public void Run_NoCases_FindsNothing()
    {
        var result = new ParityFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = 0 });

        Assert.Equal(0, result.Cases);
        Assert.Equal(0, result.Mismatches);
        Assert.Empty(result.Findings);
    }

    private static IEnumerable<Scenario> WithOneEntryLess(Scenario scenario)
    {
        for (var k = 0; k < scenario.Stations.Count; k++)
        {
            var station = scenario.Stations[k];
            var upstreams = station.Station.Upstreams;
            for (var i = 0; i < upstreams.Count; i++)
            {
                var u = upstreams[i];
                var reduced = u.Tags.Keys.Select(key => u.WithTags(u.Tags.Where(t => t.Key != key).ToDictionary()))
                    .Concat(u.SupportedModels.Keys.Select(key => new Upstream(u.BaseUrl, u.Tags, u.SupportedModels.Where(m => m.Key != key).ToDictionary(), u.ModelMapping)))
                    .Concat(u.ModelMapping.Keys.Select(key => new Upstream(u.BaseUrl, u.Tags, u.SupportedModels, u.ModelMapping.Where(m => m.Key != key).ToDictionary())));
                foreach (var upstream in reduced)
                {
                    var replaced = upstreams.ToArray();
                    replaced[i] = upstream;
                    var stations = scenario.Stations.ToArray();
                    stations[k] = station with { Station = station.Station.WithUpstreams(replaced) };
                    yield return scenario with { Stations = stations, Expect = null };
                }
            }
        }
    }
}
