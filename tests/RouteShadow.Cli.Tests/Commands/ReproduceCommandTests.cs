using System.Net;
using System.Text.Json;
using RouteShadow.Cli.Tests.Support;
using RouteShadow.Traces.Config;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow reproduce</c>: its input and usage errors (the lifecycles themselves are tested in RouteShadow.Upstreams.Tests).</summary>
public sealed class ReproduceCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reproduce_BadScenario_ExitsTwoWithoutAStackTrace()
    {
        var path = Path.Combine(_folder.Root, "bad.json");
        await File.WriteAllTextAsync(path, """{"schema":"routeshadow/scenario@1","stations":[],"retry":{"bogus":1}}""");

        var run = await AppRun.Of("reproduce", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("unknown field", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reproduce_UnknownEngine_ExitsTwo()
    {
        var run = await AppRun.Of("reproduce", Fixture("429-then-failover.json"), "--engine", "both-ish");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("routeshadow reproduce --help", run.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string> ReproductionFixtures { get; } =
        [.. Directory.EnumerateFiles(Repository.Path("fixtures", "reproduce"), "*.json").Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ReproductionFixtures))]
    public async Task Reproduce_EveryFixture_RunsBothEnginesAndExitsOneOnlyWhereTheyDiffer(string fileName)
    {
        var run = await AppRun.OverHttp("reproduce", Fixture(fileName), "--format", "json");

        var report = Assert.Single(run.Results);
        Assert.Equal(2, report.GetProperty("lifecycles").GetArrayLength());
        var differs = fileName.StartsWith("divergence-", StringComparison.Ordinal);
        Assert.Equal(differs ? 1 : 0, run.ExitCode);
        Assert.Equal(differs, report.GetProperty("differences").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Reproduce_KeepRunning_ServesTheUpstreamsUntilStoppedThenExitsCleanly()
    {
        await using var app = RunningApp.Start("reproduce", Fixture("sse-success.json"), "--keep-running", "--format", "json");
        var report = JsonDocument.Parse(await app.ReadLineAsync()).RootElement;
        var address = report.GetProperty("upstreams").GetProperty("https://a1.example.test/v1").GetString()!;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = RunningApp.Bound };

        using (var answer = await http.GetAsync(new Uri(address)))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.False(app.HasExited);
        Assert.Equal(0, await app.StopAsync());
        Assert.DoesNotContain("cancelled", app.Stderr.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(address)));
    }

    [Fact]
    public async Task Reproduce_ThroughAProxy_WritesAConfigOfTheLiveUpstreamsAndReportsWhatEachReceived()
    {
        var config = Path.Combine(_folder.Root, "config.json");
        await using var proxy = new FakeProxy(config);

        var run = await AppRun.OverHttp(
            "reproduce", Fixture("429-then-failover.json"), "--proxy", proxy.Url.ToString(), "--write-config", config, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var report = Assert.Single(run.Results);
        Assert.Equal(200, report.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("""{"ok":true}""", report.GetProperty("response").GetProperty("body").GetString());
        Assert.Equal(1, report.GetProperty("requests").GetProperty("https://a0.example.test/v1").GetInt32());
        Assert.Equal(1, report.GetProperty("requests").GetProperty("https://a1.example.test/v1").GetInt32());

        // codex-helper's reading of the file (the replay's config reader): one station, both upstreams on the loopback.
        var station = Assert.Single(ConfigReader.Read(config).Services["codex"].Stations).Station;
        Assert.Equal("alpha", station.Name);
        Assert.All(station.Upstreams, u => Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1$", u.BaseUrl));
        Assert.Equal(2, station.Upstreams.Select(u => u.BaseUrl).Distinct().Count());
    }

    [Theory]
    [InlineData("--proxy", "http://127.0.0.1:9")]
    [InlineData("--write-config", "config.json")]
    public async Task Reproduce_ProxyWithoutConfigOrTheOtherWayRound_ExitsTwo(string option, string value)
    {
        var run = await AppRun.Of("reproduce", Fixture("429-then-failover.json"), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--proxy and --write-config go together", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reproduce_ProxyThatIsNotListening_ExitsTwoNamingIt()
    {
        var config = Path.Combine(_folder.Root, "config.json");

        var run = await AppRun.OverHttp(
            "reproduce", Fixture("429-then-failover.json"), "--proxy", "http://user:secret@127.0.0.1:9/", "--write-config", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("http://127.0.0.1:9/", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Repository.Path("fixtures", "reproduce", name);
}
