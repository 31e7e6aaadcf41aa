using System.Text;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;
using RouteShadow.Traces.Reports;
using RouteShadow.Traces.Tests.Support;
using static RouteShadow.Traces.Tests.Support.Logs;

namespace RouteShadow.Traces.Tests.Replay;

public class CorruptInputTests
{
    [Fact]
    public void Replay_CorruptLinesInBothLogs_AreCountedAndEveryGoodLineIsStillReplayed()
    {
        using var dir = new TempDirectory();
        var config = ConfigReader.Parse(StationsConfig(("relay", ["https://a.test/v1"])), "config.json");
        var good = Enumerable.Range(1, 20).Select(i => Request(i, i * 1_000, i * 1_000 + 200, 200, ("relay", 0, "https://a.test/v1"))).ToList();
        var huge = new string('x', 5 * 1024 * 1024);
        var requests = dir.WriteBytes("requests.jsonl", Encoding.UTF8.GetBytes(string.Join("\n", [
            .. good.Take(10),
            "{\"timestamp_ms\":1,",
            "{\"timestamp_ms\":true,\"service\":\"codex\",\"status_code\":200,\"duration_ms\":1}",
            "{\"junk\":\"" + huge + "\"}",
            "]]",
            .. good.Skip(10),
            good[0][..40],
        ])));
        var trace = dir.Write("control_trace.jsonl", Selection(1_001, ("relay", 1)), "{\"ts_ms\":", "{}");
        var malformed = new MalformedLines();
        var input = new ReplayInput(LogFileSet.Resolve(requests), LogFileSet.Resolve(trace), [config]);
        using var outputs = new ReplayOutputs(dir.File("out"), ShadowRunner.CodexHelper);

        new ReplayRunner(ShadowRunner.CodexHelper, new ReplayOptions()).Run(input, malformed, outputs, null, CancellationToken.None);
        var summary = outputs.Finish(malformed, ["requests.jsonl"]);

        Assert.Equal((20L, 20L, 7L), (summary.Requests, summary.Replayed, summary.MalformedLines));
        Assert.Equal(
            [LineProblem.Truncated, LineProblem.WrongShape, LineProblem.TooLong, LineProblem.BadJson, LineProblem.Truncated, LineProblem.Truncated, LineProblem.WrongShape],
            malformed.Examples.OrderBy(m => Path.GetFileName(m.File) == "requests.jsonl" ? 0 : 1).ThenBy(m => m.Line).Select(m => m.Problem));
        Assert.Contains("`requests.jsonl:13`", File.ReadAllText(dir.File("out/report.md")), StringComparison.Ordinal);
    }
}
