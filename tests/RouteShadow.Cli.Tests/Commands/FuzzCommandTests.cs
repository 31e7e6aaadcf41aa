using RouteShadow.Cli.Commands;
using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow fuzz</c>: generated scenarios, classes with counts, shrunk examples.</summary>
public sealed class FuzzCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Fuzz_ReachableSeedOne_PrintsTheSummaryAndWritesExamplesCheckReproduces()
    {
        var examples = Path.Combine(_folder.Root, "examples");

        var run = await AppRun.Of("fuzz", "--cases", "400", "--seed", "1", "--reachable", "--out", examples, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var summary = Assert.Single(run.Results);
        Assert.Equal(400, summary.GetProperty("cases").GetInt32());
        Assert.Equal(1, summary.GetProperty("seed").GetInt32());
        Assert.Equal(0, summary.GetProperty("unclassified").GetInt32());
        var classes = summary.GetProperty("classes").EnumerateObject().ToList();
        Assert.Contains(classes, c => c.Name == "multi_station_sticky");
        foreach (var found in classes)
        {
            Assert.True(found.Value.GetProperty("count").GetInt32() > 0);
            Assert.True(File.Exists(found.Value.GetProperty("example").GetString()), found.Name);
        }

        var check = await AppRun.Of("check", examples, "--format", "json");
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(classes.Count, check.Results.Count);
        Assert.All(check.Results, r => Assert.Equal("expected_mismatch", r.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Fuzz_SameSeedTwice_PrintsTheSameTable()
    {
        var first = await AppRun.Of("fuzz", "--cases", "300", "--seed", "7", "--format", "table");
        var second = await AppRun.Of("fuzz", "--cases", "300", "--seed", "7", "--format", "table");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("fuzz: 300 free-form cases from seed 7:", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Theory]
    [InlineData("--cases", "0")]
    [InlineData("--time", "soon")]
    [InlineData("--format", "xml")]
    public async Task Fuzz_BadOption_ExitsTwoWithUsageOnStderr(string option, string value)
    {
        var run = await AppRun.Of("fuzz", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("routeshadow fuzz --help", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2", 2_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    public void ParseDuration_NumberWithUnit_IsThatLong(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), FuzzCommand.ParseDuration(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1s")]
    [InlineData("5 parsecs")]
    [InlineData("ms")]
    public void ParseDuration_NotADuration_IsNull(string text)
    {
        Assert.Null(FuzzCommand.ParseDuration(text));
    }
}
