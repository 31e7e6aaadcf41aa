using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests;

public sealed class RouteShadowAppTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("check", "--help")]
    public async Task Help_ExitsZeroAndPrintsUsageOnStdout(params string[] args)
    {
        var run = await AppRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
        Assert.Contains("routeshadow", run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task CheckHelp_DescribesPathsBatchFormatAndExitCodes()
    {
        var run = await AppRun.Of("check", "--help");

        Assert.Contains("<path>", run.Stdout);
        Assert.Contains("--batch", run.Stdout);
        Assert.Contains("--format <json|table>", run.Stdout);
        Assert.Contains("Exit codes", run.Stdout);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("check", "x.json", "--batch")]
    [InlineData("check", "--format", "xml", "x.json")]
    public async Task UsageError_ExitsTwoWithTheErrorOnStderrAndNothingOnStdout(params string[] args)
    {
        var run = await AppRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("--help", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task NoCommand_ExitsTwo()
    {
        var run = await AppRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Required command was not provided", run.Stderr);
    }
}
