using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;
using RouteShadow.Traces.Reports;
using RouteShadow.Traces.Tests.Support;
using Snapshooter.Xunit;

namespace RouteShadow.Traces.Tests.Replay;

/// <summary>The bundled sample in <c>traces/</c>, replayed end to end into every output.</summary>
public sealed class SampleReplayTests : IClassFixture<SampleReplayTests.SampleRun>
{
    private readonly SampleRun _run;

    public SampleReplayTests(SampleRun run) => _run = run;

    [Fact]
    public void Replay_Sample_FindsTheThreeDivergenceClassesAndCountsItsMalformedLines()
    {
        var summary = _run.Summary;

        Assert.Equal((451L, 5L, 447L, 4L, 61L), (summary.Requests, summary.MalformedLines, summary.Replayed, summary.Unrebuildable, summary.Mismatches));
        Assert.Equal(["cross_station_key_collision", "in_station_key_collision", "multi_station_sticky"], summary.Classes.Keys.Order());
        Assert.Equal(
            """{"requests":451,"malformed_lines":5,"replayed":447,"unrebuildable":4,"mismatches":61,"classes":{"multi_station_sticky":3,"cross_station_key_collision":58,"in_station_key_collision":11}}""",
            Encoding.UTF8.GetString(summary.ToJson()));
    }

    [Fact]
    public void Replay_Sample_SummaryCsvMatchesItsSnapshot()
    {
        Snapshot.Match(File.ReadAllText(_run.Output(ReplayOutputs.SummaryFile)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Replay_Sample_ReportMarkdownMatchesItsSnapshot()
    {
        Snapshot.Match(File.ReadAllText(_run.Output(ReplayOutputs.MarkdownFile)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Replay_Sample_EveryMismatchLineNamesItsRequestStationsAndBothAttemptLists()
    {
        var lines = File.ReadAllLines(_run.Output(ReplayOutputs.MismatchesFile));

        Assert.Equal(61, lines.Length);
        Assert.All(lines, line =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var root = json.RootElement;
            foreach (var field in new[] { "request_id", "trace_id", "time", "stations", "state_digest", "classes", "signature", "fidelity", "legacy_attempts", "executor_attempts", "first_divergence" })
            {
                Assert.True(root.TryGetProperty(field, out _), field);
            }
        });
    }

    [Fact]
    public void Replay_Sample_ExportedFixturesReproduceTheirMismatches()
    {
        var fixtures = Directory.GetFiles(_run.Output(ReplayOutputs.FixturesFolder), "*.json");
        var check = new ScenarioCheck(ShadowRunner.CodexHelper, TimeProvider.System);

        Assert.Equal(_run.Statistics.Signatures.Count(), fixtures.Length);
        Assert.All(fixtures, file =>
        {
            var result = check.Check(ScenarioReader.Read(File.ReadAllBytes(file)));
            Assert.Equal(CheckVerdict.ExpectedMismatch, result.Verdict);
            Assert.NotEmpty(result.Scenario.Expect!.Classes!);
        });
    }

    [Fact]
    public void Replay_Sample_NoSecretReachesAnyOutput()
    {
        var everything = string.Concat(Directory.GetFiles(_run.OutputDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllText));

        var inputs = string.Concat(Directory.GetFiles(Repository.Path("traces")).Select(File.ReadAllText));
        Assert.Contains("sk-sample", inputs, StringComparison.Ordinal);
        Assert.Contains("Bearer sk-sample", inputs, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", everything, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One replay of the sample, shared by the tests of this class.</summary>
    public sealed class SampleRun : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public SampleRun()
        {
            var malformed = new MalformedLines();
            var input = new ReplayInput(
                LogFileSet.Resolve(Repository.Path("traces", "requests.jsonl")),
                LogFileSet.Resolve(Repository.Path("traces", "control_trace.jsonl")),
                [ConfigReader.Read(Repository.Path("traces", "config.json"))]);
            using var outputs = new ReplayOutputs(OutputDirectory, ShadowRunner.CodexHelper);
            new ReplayRunner(ShadowRunner.CodexHelper, new ReplayOptions()).Run(input, malformed, outputs, null, CancellationToken.None);
            Summary = outputs.Finish(malformed, ["traces/requests.jsonl", "traces/control_trace.jsonl", "traces/config.json"]);
            Statistics = outputs.Statistics;
        }

        public string OutputDirectory => _directory.Path;

        public ReplaySummary Summary { get; }

        public ReplayStatistics Statistics { get; }

        public string Output(string name) => Path.Combine(OutputDirectory, name);

        public void Dispose() => _directory.Dispose();
    }
}
