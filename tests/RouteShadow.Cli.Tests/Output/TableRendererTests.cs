using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using RouteShadow.Cli.Output;
using RouteShadow.Cli.Tests.Support;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using Snapshooter.Xunit;

namespace RouteShadow.Cli.Tests.Output;

public sealed partial class TableRendererTests
{
    [Fact]
    public void Render_MatchingScenario_ShowsBothAttemptListsUnmarked()
    {
        var text = TableRenderer.Render(Check(Scenarios.Matching), color: false);

        Snapshot.Match(text);
    }

    [Fact]
    public void Render_Mismatch_MarksTheFirstDivergenceAndDifferingCellsAndNamesTheClasses()
    {
        var text = TableRenderer.Render(Check(Scenarios.Mismatching), color: false);

        Snapshot.Match(text);
    }

    [Fact]
    public void Render_WithColor_PaintsTheSameText()
    {
        var result = Check(Scenarios.Mismatching);

        var colored = TableRenderer.Render(result, color: true);

        Assert.Contains("\e[1;31mrouting#0*\e[0m", colored);
        Assert.Equal(TableRenderer.Render(result, color: false), Ansi().Replace(colored, string.Empty));
    }

    [Fact]
    public void Render_FailedExpectation_ListsWhatFailed()
    {
        var scenario = Read(Scenarios.Mismatching);
        var expectMatch = scenario with { Expect = new ScenarioExpectation(new ShadowReport([], [])) };

        var text = TableRenderer.Render(Checker(ShadowRunner.CodexHelper).Check(expectMatch), color: false);

        Assert.StartsWith("expectation_failed  cooldown below the failure threshold\n", text);
        Assert.Contains("  expectation failed: expected matches=true, got false\n", text);
    }

    [Fact]
    public void Render_EngineError_ShowsTheErrorInsteadOfAttempts()
    {
        var runner = new ShadowRunner(new LegacyEngine(), new ThrowingEngine());

        var text = TableRenderer.Render(Checker(runner).Check(Read(Scenarios.Matching)), color: false);

        Assert.Equal("engine_error  penalized upstream: both engines fail over\n  engine error: InvalidOperationException: broken\n", text);
    }

    private static CheckResult Check(string scenario) => Checker(ShadowRunner.CodexHelper).Check(Read(scenario));

    private static ScenarioCheck Checker(ShadowRunner runner) => new(runner, new FakeTimeProvider(AppRun.Now));

    private static Scenario Read(string scenario) => ScenarioReader.Read(Encoding.UTF8.GetBytes(scenario));

    [GeneratedRegex("\e\\[[0-9;]*m")]
    private static partial Regex Ansi();

    private sealed class ThrowingEngine : IRoutingEngine
    {
        public string Name => "throwing";

        public IReadOnlyList<ShadowAttempt> Plan(RoutingQuestion question) => throw new InvalidOperationException("broken");
    }
}
