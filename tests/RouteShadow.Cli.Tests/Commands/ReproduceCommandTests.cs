using System.Net;
using System.Text.Json;
using RouteShadow.Cli.Tests.Support;

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

    private static string Fixture(string name) => Repository.Path("fixtures", "reproduce", name);
}
