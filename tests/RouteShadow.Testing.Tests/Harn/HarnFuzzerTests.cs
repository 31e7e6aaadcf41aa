using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Harn;

namespace RouteShadow.Testing.Tests.Harn;

/// <summary>The harn fuzzer: finds every known class of the seed as a named class and shrinks each to a small scenario that still shows it.</summary>
public sealed class HarnFuzzerTests
{
    private static readonly Lazy<HarnFuzzResult> SeedOne = new(() =>
        new HarnFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = 5_000, Seed = 1 }));

    [Fact]
    public void Run_SeedOne_FindsEveryKnownClassAndNothingUnclassified()
    {
        var result = SeedOne.Value;

        Assert.Equal(
            [
                HarnBugClass.RaceFirstFinisherError, HarnBugClass.RaceDeadline, HarnBugClass.RaceBackupSkipsBudget, HarnBugClass.WarnFailsInPreflight,
                HarnBugClass.BudgetAbortUnrecorded, HarnBugClass.SkippedChainBlamesEmptyChain, HarnBugClass.TimeoutIgnoresExplicitRules,
            ],
            result.Findings.Select(f => f.Class));
        Assert.Equal(0, result.Unclassified);
        Assert.Equal(5_000, result.Cases);
        Assert.InRange(result.Violations, 1, result.Cases);
    }

    [Fact]
    public void Run_Examples_StillShowTheirClassAndAreSmall()
    {
        Assert.All(SeedOne.Value.Findings, f =>
        {
            Assert.Contains(f.Class, HarnFuzzer.Classes(f.Example));
            Assert.InRange(f.Example.Harn!.Question.Policy.Chain.Count, 1, 3);
            Assert.StartsWith(f.Class.WireName(), f.Example.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Run_Examples_PinTheirPairAndPassTheirOwnCheck()
    {
        Assert.All(SeedOne.Value.Findings, f =>
        {
            var result = HarnCheckResult.Check(ScenarioReader.Read(ScenarioWriter.ToUtf8(f.Example)));
            Assert.Equal(CheckVerdict.ExpectedMismatch, result.Verdict);
            Assert.Equal(HarnChecks.PairFor(f.Class), (result.Report.Control, result.Report.Candidate));
        });
    }

    [Fact]
    public void Run_SameSeed_SameResultOnAnyNumberOfCores()
    {
        var one = new HarnFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = 600, Seed = 9, MaxDegreeOfParallelism = 1 });
        var two = new HarnFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = 600, Seed = 9, MaxDegreeOfParallelism = 2 });

        Assert.Equal(one.Findings.Select(f => (f.Class, f.Count, f.ExampleCase)), two.Findings.Select(f => (f.Class, f.Count, f.ExampleCase)));
        Assert.Equal(one.Findings.Select(f => ScenarioWriter.ToUtf8(f.Example)), two.Findings.Select(f => ScenarioWriter.ToUtf8(f.Example)));
    }
}
