using System.Text.Json;
using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow triage</c> as a user runs it, one-shot and following.</summary>
public sealed class TriageCommandTests : IDisposable
{
    private static readonly string Sample = Repository.Path("traces", "staging", "control_trace.jsonl");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Triage_TheSample_PrintsTheCountsWritesAScenarioPerGroupThatChecksAndExitsOne()
    {
        var output = Path.Combine(_folder.Root, "triage");

        var run = await AppRun.Of("triage", "--trace", Sample, "--out", output, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var summary = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(["events", "malformed_lines", "groups", "reproduced", "model_gap", "classes"], summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3000, summary.GetProperty("events").GetInt32());
        Assert.Equal(7, summary.GetProperty("malformed_lines").GetInt32());
        var groups = summary.GetProperty("groups").GetInt32();
        Assert.Equal(groups, summary.GetProperty("reproduced").GetInt32() + summary.GetProperty("model_gap").GetInt32());
        Assert.True(summary.GetProperty("classes").EnumerateObject().Count() >= 5, summary.GetProperty("classes").ToString());
        Assert.Contains("control_trace.1778775642050.jsonl.gz:400: truncated JSON", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(groups, File.ReadAllLines(Path.Combine(output, "groups.jsonl")).Length);
        Assert.Equal(groups, Directory.GetFiles(Path.Combine(output, "scenarios")).Length);

        var check = await AppRun.Of("check", Path.Combine(output, "scenarios"), "--format", "json");
        Assert.Equal(0, check.ExitCode);
        Assert.All(check.Results, r => Assert.Equal("expected_mismatch", r.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Triage_TableFormat_ListsTheGroupsWithCountsAndClasses()
    {
        var run = await AppRun.Of(true, "triage", "--trace", Sample, "--out", Path.Combine(_folder.Root, "t"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("triage: 3,000 mismatch events, ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("  group       events  verdict     classes", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("reproduced  cross_station_key_collision ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_NoEventSince_ExitsZeroAndSaysWhatTurnsTheEventsOn()
    {
        var run = await AppRun.Of("triage", "--trace", Sample, "--since", "2030-01-01T00:00:00Z", "--out", Path.Combine(_folder.Root, "t"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"events":0,"malformed_lines":7,"groups":0,"reproduced":0,"model_gap":0,"classes":{}}""", run.Stdout.Trim());
        Assert.Contains("CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE set to 1, true, yes or on", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trace", "no/such/control_trace.jsonl", "no/such/control_trace.jsonl: no such control trace")]
    [InlineData("--since", "yesterday", "--since yesterday: not a time")]
    [InlineData("--interval", "0", "--interval must be between 0 and 86400 seconds.")]
    public async Task Triage_BadInput_ExitsTwoNamingIt(string option, string value, string message)
    {
        string[] args = option == "--trace" ? ["triage", "--trace", value] : ["triage", "--trace", Sample, option, value, "--out", Path.Combine(_folder.Root, "t")];

        var run = await AppRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_TraceRotatedMidStream_CountsEveryEventOnceAndWritesEverythingWhenStopped()
    {
        var events = await StagingLines(60);
        var logs = Path.Combine(_folder.Root, "logs");
        Directory.CreateDirectory(logs);
        var active = Path.Combine(logs, "control_trace.jsonl");
        var output = Path.Combine(_folder.Root, "follow");
        File.WriteAllLines(active, events[..20]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // A summary interval longer than the test: the outputs must come from the flush on the way out.
        var following = AppRun.Of(false, TimeProvider.System, stop.Token,
            "triage", "--trace", active, "--follow", "--interval", "3600", "--out", output, "--format", "json");
        await Task.Delay(700);
        File.AppendAllLines(active, events[20..35]);
        File.Move(active, Path.Combine(logs, "control_trace.1778716900000.jsonl"));
        File.WriteAllLines(active, events[35..50]);
        await Task.Delay(700);
        File.AppendAllLines(active, events[50..]);
        await stop.CancelAsync();
        var run = await following.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(60, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("events").GetInt32());
        var written = File.ReadAllLines(Path.Combine(output, "groups.jsonl")).Sum(l => JsonDocument.Parse(l).RootElement.GetProperty("events").GetInt32());
        Assert.Equal(60, written);
        Assert.Contains("after 1 rotation(s)", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Shadow mismatch lines from the staging synthesizer, without damaged lines.</summary>
    private async Task<string[]> StagingLines(int count)
    {
        var folder = Path.Combine(_folder.Root, "staging");
        var synth = await AppRun.Of("synth", "--shadow-mismatches", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "2", "--out", folder);
        Assert.Equal(0, synth.ExitCode);
        var lines = Directory.GetFiles(folder, "control_trace*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToArray();
        Assert.Equal(count, lines.Length);
        return lines;
    }
}
