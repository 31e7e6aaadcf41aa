using RouteShadow.Cli.Tests.Support;
using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Upstreams;
using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow replay</c> and <c>routeshadow synth</c> as a user runs them.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Replay_TheSample_PrintsTheSummaryWritesTheReportsAndExitsOne()
    {
        var output = Path.Combine(_folder.Root, "report");

        var run = await AppRun.Of("replay", "--requests", Repository.Path("traces", "requests.jsonl"), "--out", output, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            """{"requests":451,"malformed_lines":5,"replayed":447,"unrebuildable":4,"mismatches":61,"classes":{"multi_station_sticky":3,"cross_station_key_collision":58,"in_station_key_collision":11}}""",
            run.Stdout.Trim());
        Assert.Contains("requests.jsonl:171: invalid JSON at byte 65", run.Stderr, StringComparison.Ordinal);
        foreach (var file in new[] { "mismatches.jsonl", "summary.csv", "report.md", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        var check = await AppRun.Of("check", Path.Combine(output, "fixtures"), "--format", "json");
        Assert.Equal(0, check.ExitCode);
        Assert.All(check.Results, r => Assert.Equal("expected_mismatch", r.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Replay_Reproduce2_WritesTheTopTwoSignaturesAsScenariosWhoseLifecyclesDivergeOverHttp()
    {
        var output = Path.Combine(_folder.Root, "report");

        var run = await AppRun.Of("replay", "--requests", Repository.Path("traces", "requests.jsonl"), "--out", output, "--format", "json", "--reproduce", "2");

        Assert.Equal(1, run.ExitCode);
        var files = Directory.GetFiles(Path.Combine(output, "reproduce"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["01-cross_station_key_collision.json", "02-cross_station_key_collision+in_station_key_collision.json"],
            files.Select(Path.GetFileName));
        var scenarios = files.Select(file => ScenarioReader.Read(File.ReadAllBytes(file))).ToList();

        // As the sample logged them: alpha#1 answered 503 then 429, in the other request it broke the connection twice.
        Assert.Equal([(503, UpstreamFault.None), (429, UpstreamFault.None)], Answers(scenarios[0], "alpha", 1));
        Assert.Equal([(200, UpstreamFault.EmptyResponse), (200, UpstreamFault.EmptyResponse)], Answers(scenarios[1], "alpha", 1));
        Assert.All(scenarios, s => Assert.Equal(2500, s.Retry!.Upstream.BackoffMaxMs)); // the sample config's aggressive-failover profile
        foreach (var scenario in scenarios)
        {
            using var farm = UpstreamFarm.Start(scenario);
            using var bound = new CancellationTokenSource(RunningApp.Bound);
            var options = ReproductionOptions.Default(TimeProvider.System) with { AttemptTimeout = TimeSpan.FromSeconds(5) };
            var lifecycles = await new Reproducer(options).RunAsync(scenario, farm, [new LegacyEngine(), new ExecutorEngine()], bound.Token);

            var differences = LifecycleDiff.Between(lifecycles[0], lifecycles[1]);
            Assert.Contains(differences, d => d.StartsWith("attempts: ", StringComparison.Ordinal));
            Assert.All(lifecycles, l => Assert.Equal(200, l.Response.Status));
        }
    }

    [Fact]
    public async Task Replay_NegativeReproduce_ExitsTwo()
    {
        var run = await AppRun.Of("replay", "--out", Path.Combine(_folder.Root, "r"), "--reproduce", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--reproduce: N cannot be negative.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_TableFormat_ListsTheClasses()
    {
        var run = await AppRun.Of(true, "replay", "--requests", Repository.Path("traces", "requests.jsonl"), "--out", Path.Combine(_folder.Root, "r"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("replay:\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("    multi_station_sticky           3\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthThenReplay_OneStationWithoutCollisions_FindsNoMismatchAndExitsZero()
    {
        var config = _folder.Write("config.toml", """
            [codex]
            active = "relay"
            [codex.stations.relay]
            [[codex.stations.relay.upstreams]]
            base_url = "https://a.relay.test/v1"
            [[codex.stations.relay.upstreams]]
            base_url = "https://b.relay.test/v1"
            """);
        var logs = Path.Combine(_folder.Root, "logs");

        var synth = await AppRun.Of("synth", "--requests", "300", "--seed", "3", "--config", config, "--out", logs, "--format", "json");
        var replay = await AppRun.Of("replay", "--requests", Path.Combine(logs, "requests.jsonl"), "--config", config, "--out", Path.Combine(_folder.Root, "r"), "--format", "json");

        Assert.Equal(0, synth.ExitCode);
        Assert.Equal(300, synth.Results.Single().GetProperty("requests").GetInt64());
        Assert.Equal(0, replay.ExitCode);
        var summary = replay.Results.Single();
        Assert.Equal((300, 0, 0), (summary.GetProperty("requests").GetInt32(), summary.GetProperty("mismatches").GetInt32(), summary.GetProperty("malformed_lines").GetInt32()));
    }

    [Fact]
    public async Task Synth_SameSeedTwice_WritesTheSameFiles()
    {
        var (a, b) = (Path.Combine(_folder.Root, "a"), Path.Combine(_folder.Root, "b"));

        await AppRun.Of("synth", "--requests", "200", "--seed", "9", "--out", a);
        await AppRun.Of("synth", "--requests", "200", "--seed", "9", "--out", b);

        foreach (var file in new[] { "requests.jsonl", "control_trace.jsonl", "config.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        }
    }

    [Fact]
    public async Task Replay_MissingRequestLog_ExitsTwo()
    {
        var run = await AppRun.Of("replay", "--requests", Path.Combine(_folder.Root, "none.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("no such request log", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_UnreadableConfig_ExitsTwoNamingTheFileAndLine()
    {
        var requests = _folder.WriteLines("logs/requests.jsonl", """{"timestamp_ms":1,"service":"codex","status_code":502,"duration_ms":1}""");
        _folder.Write("config.toml", "[codex\nbroken = ");

        var run = await AppRun.Of("replay", "--requests", requests, "--out", Path.Combine(_folder.Root, "r"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("config.toml:1: invalid TOML", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_MissingTrace_ExitsTwo()
    {
        var run = await AppRun.Of("replay", "--requests", Repository.Path("traces", "requests.jsonl"), "--trace", Path.Combine(_folder.Root, "t.jsonl"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such control trace", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("synth", "--requests", "0", "--out", "x")]
    [InlineData("synth", "--out", "x")]
    [InlineData("replay", "--format", "xml")]
    public async Task BadOptions_ExitTwoWithUsageOnStderr(params string[] args)
    {
        var run = await AppRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"routeshadow {args[0]} --help", run.Stderr, StringComparison.Ordinal);
    }

    private static (int, UpstreamFault)[] Answers(Scenario scenario, string station, int index) =>
        [.. scenario.Stations.Single(s => s.Station.Name == station).BehaviorOf(index).Select(a => (a.Status, a.Fault))];
}
