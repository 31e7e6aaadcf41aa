using Microsoft.Extensions.Time.Testing;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.GoModel;

namespace RouteShadow.Testing.Tests.GoModel;

/// <summary><c>fuzz --engine gomodel</c> finds every known finding as a named class and shrinks each to a file that still shows it.</summary>
public sealed class GoModelFuzzerTests
{
    private static readonly Lazy<GoModelFuzzResult> Run = new(() =>
        new GoModelFuzzer(new FakeTimeProvider()).Run(new FuzzOptions { Cases = 1_000, Seed = 1 }));

    [Fact]
    public void Fuzz_FindsEveryKnownFinding_AndNothingUnexplained()
    {
        var result = Run.Value;
        Assert.Equal(GoModelBugNames.Each.Select(b => b.WireName()).Order(StringComparer.Ordinal), result.Findings.Select(f => f.Class));
        Assert.Equal(0, result.Unclassified);
    }

    [Fact]
    public void Fuzz_EachExample_ShowsItsFindingAfterAFileRoundTrip()
    {
        foreach (var finding in Run.Value.Findings)
        {
            var reread = ScenarioReader.Read(ScenarioWriter.ToUtf8(finding.Example));
            Assert.True(GoModelBugNames.TryParse(finding.Class, out var bug));
            Assert.True(GoModelVerdict.Exhibits(reread.GoModel!.Question(GoModelVerdict.NowMs), bug), finding.Class);
            Assert.Contains(bug, reread.GoModel.Expect!.Violations);
        }
    }

    [Fact]
    public void Fuzz_SameSeed_SameRun() =>
        Assert.Equal(
            GoModelFuzzReport.Json(Run.Value, "out"),
            GoModelFuzzReport.Json(new GoModelFuzzer(new FakeTimeProvider()).Run(new FuzzOptions { Cases = 1_000, Seed = 1, MaxDegreeOfParallelism = 1 }), "out"));
}
