using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Synth;
using RouteShadow.Traces.Tests.Support;
using RouteShadow.Traces.Triage;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Traces.Tests.Triage;

public class TriageSessionTests
{
    [Fact]
    public void Run_StagingTrace_GroupsEveryEventAndReproducesFiveClasses()
    {
        using var dir = new TempDirectory();
        var staging = StagingTraceSynthesizer.Write(new StagingOptions(600, 9) { ActiveEvents = 50, MalformedEvery = 200 }, dir.File("logs"),
            ShadowRunner.CodexHelper, ShadowMismatchTrace.Line, CancellationToken.None);

        var (summary, groups) = Run(dir, staging.Files[^1], withConfig: false);

        Assert.Equal(600, summary.Events);
        Assert.Equal(staging.MalformedLines, summary.MalformedLines);
        Assert.Equal(600, groups.Sum(g => g.Count));
        Assert.Equal(summary.Groups, summary.Reproduced + summary.ModelGap);
        Assert.Equal(0, summary.ModelGap);
        Assert.Equal(
            ["cooldown_below_threshold", "cross_station_key_collision", "exhausted_sticky_upstream", "in_station_key_collision", "multi_station_sticky"],
            summary.Classes.Select(c => c.Class).Order(StringComparer.Ordinal));
        Assert.All(groups, g => Assert.DoesNotContain(DivergenceClass.Unclassified, g.Reproduction.Classes));
    }

    [Fact]
    public void Run_EveryGroupsScenarioFile_ReproducesProductionsListsAndClasses()
    {
        using var dir = new TempDirectory();
        var staging = StagingTraceSynthesizer.Write(new StagingOptions(200, 4), dir.File("logs"), ShadowRunner.CodexHelper, ShadowMismatchTrace.Line, CancellationToken.None);

        var (_, groups) = Run(dir, staging.Files[^1], withConfig: true);

        Assert.NotEmpty(groups);
        foreach (var group in groups)
        {
            var scenario = ScenarioReader.Read(File.ReadAllBytes(Path.Combine(dir.File("out"), TriageOutputs.ScenarioPath(group))));
            var comparison = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, 0));
            Assert.Empty(scenario.Expect!.Check(comparison));
            Assert.Equal(group.Sample.LegacyAttempts, comparison.Report.LegacyAttempts);
            Assert.Equal(group.Sample.ExecutorAttempts, comparison.Report.ExecutorAttempts);
        }
    }

    [Fact]
    public void Run_SameShapeUnderOtherNames_IsOneGroup_AndDifferentCausesAreNot()
    {
        using var dir = new TempDirectory();
        var collision = ShadowEvents.Fixture("s03-cross-station-key-collision-healthy-overwrites-penalized");
        var trace = dir.Write("control_trace.jsonl",
            ShadowEvents.Line(collision, 1),
            ShadowEvents.Line(ShadowEvents.Renamed(collision, "eu"), 2),
            ShadowEvents.Line(ShadowEvents.Renamed(collision, "us"), 3),
            ShadowEvents.Line(ShadowEvents.Fixture("s06-cooldown-below-threshold"), 4));

        var (summary, groups) = Run(dir, trace, withConfig: false);

        Assert.Equal(2, summary.Groups);
        Assert.Equal([3L, 1L], groups.Select(g => g.Count));
        Assert.Equal([DivergenceClass.CrossStationKeyCollision], groups[0].Reproduction.Classes);
        Assert.Equal([DivergenceClass.CooldownBelowThreshold], groups[1].Reproduction.Classes);
        Assert.Equal(["codex-1", "codex-2", "codex-3"], groups[0].Exemplars.Select(e => e.TraceId));
        Assert.Equal([1L, 2L, 3L], groups[0].Exemplars.Select(e => e.Line));
    }

    [Fact]
    public void Run_ListsNoStateCanProduce_IsAModelGapWithProductionsListsInItsScenario()
    {
        using var dir = new TempDirectory();
        var scenario = ShadowEvents.Fixture("s03-cross-station-key-collision-healthy-overwrites-penalized");
        var report = ShadowEvents.Report(scenario);
        // An executor list that tries beta before alpha: no state makes the C# executor walk stations out of order.
        var impossible = report with { ExecutorAttempts = [.. report.ExecutorAttempts.Reverse()] };
        var trace = dir.Write("control_trace.jsonl", ShadowMismatchTrace.Line("codex", 1, null, impossible, ShadowEvents.StartMs));

        var (summary, groups) = Run(dir, trace, withConfig: false);

        Assert.Equal((1, 0, 1), (summary.Groups, summary.Reproduced, summary.ModelGap));
        var group = Assert.Single(groups);
        Assert.Equal(TriageVerdict.ModelGap, group.Reproduction.Verdict);
        Assert.Empty(group.Reproduction.Classes);
        Assert.Equal(impossible.ExecutorAttempts, group.Reproduction.Scenario.Expect!.Report.ExecutorAttempts);
        Assert.EndsWith("-model-gap.json", TriageOutputs.ScenarioPath(group), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SecretsInTheTrace_NeverReachAnOutput()
    {
        using var dir = new TempDirectory();
        var leaky = ShadowEvents.Fixture("s06-cooldown-below-threshold");
        leaky = leaky with
        {
            Stations = [.. leaky.Stations.Select(s => s with
            {
                Station = s.Station.WithUpstreams([.. s.Station.Upstreams.Select(u =>
                    new Core.World.Upstream(u.BaseUrl + "?api_key=sk-live-abcdef0123456789", u.Tags, u.SupportedModels, u.ModelMapping))]),
            })],
        };
        var trace = dir.Write("control_trace.jsonl", ShadowEvents.Line(leaky, 1));

        var (summary, _) = Run(dir, trace, withConfig: false);

        Assert.Equal(1, summary.Reproduced);
        foreach (var file in Directory.EnumerateFiles(dir.File("out"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("sk-live", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_RepeatedStationName_IsReproducedAndClassified()
    {
        var alpha = new Core.World.Station("alpha", [new Core.World.Upstream("https://a0/v1"), new Core.World.Upstream("https://a1/v1")]);
        var question = new Core.Engines.RoutingQuestion("codex", [alpha, alpha], new Core.LoadBalancing.LbStateMap(), null, ShadowEvents.StartMs);
        var report = ShadowRunner.CodexHelper.Compare(question).Report;
        using var dir = new TempDirectory();
        var trace = dir.Write("control_trace.jsonl", ShadowMismatchTrace.Line("codex", 1, null, report, ShadowEvents.StartMs));

        var (summary, groups) = Run(dir, trace, withConfig: false);

        Assert.Equal(1, summary.Reproduced);
        Assert.Equal([DivergenceClass.RepeatedStationName], Assert.Single(groups).Reproduction.Classes);
    }

    [Fact]
    public void Run_StationSelectionBeforeTheMismatch_OrdersTheConfigsStationsAsOffered()
    {
        using var dir = new TempDirectory();
        dir.Write("config.json", SampleConfig.Json);
        var beta = ConfigReader.Parse(SampleConfig.Json, "config.json").For("codex")!.Find("beta")!.Station;
        // Pinned to beta: the config's own plan (alpha, beta, gamma) does not fit the lists, the offered one does.
        var pinned = new Scenario("", "codex", new ScenarioRequest("gpt-5"),
            [new ScenarioStation(beta, new ScenarioState([3, 0, 0], [60_000, null, null], null, null, null, null), [])]);
        var selection = "{\"ts_ms\":1778716800000,\"kind\":\"retry_trace\",\"service\":\"codex\",\"event\":\"lbs_for_request\",\"payload\":{\"event\":\"lbs_for_request\",\"mode\":\"pinned\","
            + "\"pinned_name\":\"beta\",\"pinned_source\":\"session\",\"selected_station\":\"beta\",\"selected_upstreams\":3,\"service\":\"codex\",\"ts_ms\":1778716800000}}";
        var trace = dir.Write("control_trace.jsonl", selection, ShadowEvents.Line(pinned, 1), ShadowEvents.Line(pinned, 2));

        var (summary, groups) = Run(dir, trace, withConfig: true);

        Assert.Equal((2L, 1), (summary.Events, summary.Reproduced));
        var group = Assert.Single(groups);
        Assert.StartsWith("stations from the config, in the order lbs_for_request offered them;", group.Reproduction.Note, StringComparison.Ordinal);
        Assert.Equal([DivergenceClass.InStationKeyCollision], group.Reproduction.Classes);
    }

    [Fact]
    public void Run_Since_PassesOverOlderEvents()
    {
        using var dir = new TempDirectory();
        var collision = ShadowEvents.Fixture("s03-cross-station-key-collision-healthy-overwrites-penalized");
        var trace = dir.Write("control_trace.jsonl", [.. Enumerable.Range(1, 5).Select(i => ShadowEvents.Line(collision, i))]);
        var options = new TriageOptions(trace, null, ShadowEvents.StartMs + 3000, dir.File("out"), [trace]);

        using var session = new TriageSession(options, ShadowRunner.CodexHelper, new MalformedLines());
        session.Poll();

        Assert.Equal(3, session.Groups.Events);
        Assert.Equal(2, session.BeforeSince);
    }

    [Fact]
    public void Add_PastTheGroupCap_CountsEventsAsUngrouped()
    {
        var groups = new TriageGroups(new MismatchReproducer(ShadowRunner.CodexHelper, null), maxGroups: 1);

        groups.Add(ShadowEvents.Event(ShadowEvents.Fixture("s06-cooldown-below-threshold")));
        groups.Add(ShadowEvents.Event(ShadowEvents.Fixture("s02-multi-station-sticky")));
        groups.Add(ShadowEvents.Event(ShadowEvents.Fixture("s06-cooldown-below-threshold")));

        Assert.Equal((3L, 1, 1L), (groups.Events, groups.Count, groups.Ungrouped));
        Assert.Equal(2, groups.Ordered[0].Count);
        Assert.Equal(2, Assert.Single(groups.Ordered[0].Exemplars.GroupBy(e => e.File)).Count());
    }

    [Fact]
    public void Outputs_GroupsJsonlAndSummaryJson_HaveTheDocumentedFields()
    {
        using var dir = new TempDirectory();
        var trace = dir.Write("control_trace.jsonl", ShadowEvents.Line(ShadowEvents.Fixture("s02-multi-station-sticky"), 1), "{\"ts_ms\":");

        var (summary, _) = Run(dir, trace, withConfig: false);

        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.Equal(["events", "malformed_lines", "groups", "reproduced", "model_gap", "classes"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, json.RootElement.GetProperty("malformed_lines").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("classes").GetProperty("multi_station_sticky").GetInt32());
        var line = JsonDocument.Parse(File.ReadAllLines(Path.Combine(dir.File("out"), TriageOutputs.GroupsFile)).Single()).RootElement;
        Assert.Equal("reproduced", line.GetProperty("verdict").GetString());
        Assert.Equal("codex-1", line.GetProperty("examples")[0].GetProperty("trace_id").GetString());
        Assert.True(File.Exists(Path.Combine(dir.File("out"), TriageOutputs.SummaryFile)));
        Assert.Contains("## Malformed lines", File.ReadAllText(Path.Combine(dir.File("out"), TriageOutputs.MarkdownFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Synthesizer_SameSeed_WritesTheSameBytes()
    {
        using var dir = new TempDirectory();
        var a = StagingTraceSynthesizer.Write(new StagingOptions(100, 3), dir.File("a"), ShadowRunner.CodexHelper, ShadowMismatchTrace.Line, CancellationToken.None);
        var b = StagingTraceSynthesizer.Write(new StagingOptions(100, 3), dir.File("b"), ShadowRunner.CodexHelper, ShadowMismatchTrace.Line, CancellationToken.None);

        Assert.Equal(a.Files.Select(File.ReadAllBytes), b.Files.Select(File.ReadAllBytes));
    }

    private static (TriageSummary Summary, IReadOnlyList<TriageGroup> Groups) Run(TempDirectory dir, string trace, bool withConfig)
    {
        var config = withConfig ? ConfigReader.Read(Path.Combine(Path.GetDirectoryName(trace)!, "config.json")) : null;
        using var session = new TriageSession(new TriageOptions(trace, config, null, dir.File("out"), [trace]), ShadowRunner.CodexHelper, new MalformedLines());
        session.Poll();
        session.Complete();
        return (session.Flush(), session.Groups.Ordered);
    }
}
