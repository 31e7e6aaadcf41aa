using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Tests.Support;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Triage;

namespace RouteShadow.Cli.Tests.Hosting;

public sealed class TriageFollowServiceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Follow_OnAFakeClock_SummarisesEachIntervalAndWritesEverythingWhenStopped()
    {
        var staging = Path.Combine(_folder.Root, "staging");
        Assert.Equal(0, (await AppRun.Of("synth", "--shadow-mismatches", "30", "--seed", "5", "--out", staging)).ExitCode);
        var lines = File.ReadAllLines(Path.Combine(staging, "control_trace.jsonl"));
        var active = _folder.WriteLines("logs/control_trace.jsonl", lines[..10]);
        var output = Path.Combine(_folder.Root, "out");
        var clock = new FakeTimeProvider(AppRun.Now);
        var stderr = new StringWriter();
        using var session = new TriageSession(new TriageOptions(active, null, null, output, [active]), ShadowRunner.CodexHelper, new MalformedLines());
        var service = new TriageFollowService(
            session, new FollowSettings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), clock,
            new StandardStreams(Stream.Null, TextWriter.Synchronized(stderr), false), NullLogger<TriageFollowService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await Until(() => session.Groups.Events == 10);
        Assert.DoesNotContain("triage:", stderr.ToString(), StringComparison.Ordinal);

        File.AppendAllLines(active, lines[10..25]);

        // A second at a time until the 10-second summary is out. An advance made before the service
        // has armed its next delay is lost (that delay then counts from the later time), which a
        // loaded machine makes likely, so the loop goes on until the summary shows, within bounds.
        for (var step = 0; step < 300 && !stderr.ToString().Contains("triage: 25 ", StringComparison.Ordinal); step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Contains("triage: 25 mismatch events, ", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, TriageOutputs.GroupsFile)));

        // Appended after the last summary, then stopped at once: the flush on the way out still has them.
        File.AppendAllLines(active, lines[25..]);
        await service.StopAsync(CancellationToken.None);

        Assert.Null(service.Failure);
        Assert.Equal(30, service.Summary!.Events);
        Assert.Equal(30, File.ReadAllLines(Path.Combine(output, TriageOutputs.GroupsFile))
            .Sum(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("events").GetInt32()));
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 10_000; waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "timed out");
    }
}
