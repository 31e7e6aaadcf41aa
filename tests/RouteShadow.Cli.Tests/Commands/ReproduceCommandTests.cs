using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow reproduce</c>: a scenario played over loopback HTTP by each engine.</summary>
public sealed class ReproduceCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reproduce_Divergence_PrintsBothLifecyclesAndExitsOne()
    {
        var run = await AppRun.Of("reproduce", Fixture("divergence-second-station-sticky.json"), "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = Assert.Single(run.Results);
        var lifecycles = result.GetProperty("lifecycles").EnumerateArray().ToList();
        Assert.Equal(["legacy", "executor"], lifecycles.Select(l => l.GetProperty("engine").GetString()));
        Assert.Equal(1, lifecycles[0].GetProperty("requests").GetProperty("https://b1.example.test/v1").GetInt32());
        Assert.Equal(1, lifecycles[1].GetProperty("requests").GetProperty("https://b0.example.test/v1").GetInt32());
        Assert.NotEmpty(result.GetProperty("differences").EnumerateArray());
    }

    [Fact]
    public async Task Reproduce_OneEngineAsTable_ExitsZero()
    {
        var run = await AppRun.Of("reproduce", Fixture("429-then-failover.json"), "--engine", "legacy", "--format", "table");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("== legacy ==", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("== executor ==", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("alpha#0        429", run.Stdout, StringComparison.Ordinal);
    }

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

    private static string Fixture(string name) => Repository.Path("fixtures", "reproduce", name);
}
