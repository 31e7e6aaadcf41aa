using System.Text;
using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Generators;
using RouteShadow.Testing.Tests.Support;
using Snapshooter.Xunit;

namespace RouteShadow.Testing.Tests.Fuzzing;

public sealed class FuzzReportTests
{
    [Fact]
    public void Table_ReachableSeedOne_MatchesSnapshot()
    {
        Snapshot.Match(FuzzReport.Table(SeedOne.Reachable, "out"));
    }

    [Fact]
    public void Table_FreeFormSeedOne_MatchesSnapshot()
    {
        Snapshot.Match(FuzzReport.Table(SeedOne.FreeForm, "out"));
    }

    /// <summary>The rendering a person reads: the exhausted-sticky example of the reachable run, as written to disk.</summary>
    [Fact]
    public void Example_ExhaustedStickyUpstream_MatchesSnapshot()
    {
        var finding = SeedOne.Reachable.Findings.Single(f => f.Class == DivergenceClass.ExhaustedStickyUpstream);

        Snapshot.Match(Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(finding.Example)));
    }

    [Fact]
    public void Json_HasTheDocumentedShape()
    {
        var result = SeedOne.FreeForm;

        using var json = JsonDocument.Parse(FuzzReport.Json(result, "out"));

        var root = json.RootElement;
        Assert.Equal(["cases", "mismatches", "classes", "unclassified", "seed"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.Cases, root.GetProperty("cases").GetInt32());
        Assert.Equal(result.Mismatches, root.GetProperty("mismatches").GetInt32());
        Assert.Equal(0, root.GetProperty("unclassified").GetInt32());
        Assert.Equal(1UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(result.Findings.Select(f => f.Class.WireName()), root.GetProperty("classes").EnumerateObject().Select(p => p.Name));
        Assert.All(result.Findings, f =>
        {
            var entry = root.GetProperty("classes").GetProperty(f.Class.WireName());
            Assert.Equal(["count", "example"], entry.EnumerateObject().Select(p => p.Name));
            Assert.Equal(f.Count, entry.GetProperty("count").GetInt32());
            Assert.Equal(Path.Combine("out", f.FileName), entry.GetProperty("example").GetString());
        });
    }

    [Fact]
    public void Json_NoExamplesDirectory_LeavesExamplesNull()
    {
        using var json = JsonDocument.Parse(FuzzReport.Json(SeedOne.Reachable, examplesDirectory: null));

        Assert.All(json.RootElement.GetProperty("classes").EnumerateObject(), c => Assert.Equal(JsonValueKind.Null, c.Value.GetProperty("example").ValueKind));
    }

    [Fact]
    public void Table_NothingFound_SaysSo()
    {
        var nothing = new FuzzResult(ScenarioMode.Reachable, Seed: 3, Cases: 10, Mismatches: 0, Findings: [], StoppedByTimeLimit: true);

        Assert.Equal(
            "fuzz: 10 reachable cases from seed 3: 0 mismatches, 0 unclassified (stopped by the time limit)\nno divergence found\n",
            FuzzReport.Table(nothing, "out"));
    }
}
