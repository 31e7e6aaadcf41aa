using System.Text.Json;
using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.GoModel;

/// <summary><c>check</c>, <c>fuzz --engine gomodel</c> and <c>reproduce</c> on scenarios with a <c>gomodel</c> section.</summary>
public sealed class GoModelCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Check_GoModelFixtures_EveryExpectationHolds()
    {
        var folder = Repository.Path("fixtures", "gomodel");

        var run = await AppRun.Of("check", folder, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Length, run.Results.Count);
        Assert.All(run.Results, r => Assert.Equal("gomodel", r.GetProperty("engine").GetString()));
        Assert.All(run.Results, r => Assert.NotEqual(0, r.GetProperty("violations").GetArrayLength()));
    }

    [Fact]
    public async Task Check_DoubleResolve_ShowsBothLedgersAndWhereTheyPart()
    {
        var run = await AppRun.Of("check", Repository.Path("fixtures", "gomodel", "double-resolve.json"), "--format", "json");

        var result = Assert.Single(run.Results);
        Assert.Equal("expected_mismatch", result.GetProperty("verdict").GetString());
        Assert.Equal(1, result.GetProperty("first_divergence").GetInt32());
        Assert.Equal("head", result.GetProperty("candidate").GetProperty("variant").GetString());
        Assert.Equal("double_resolve", Assert.Single(result.GetProperty("violations").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Check_GoModelSectionWithoutExpect_DifferingLedgersAreAMismatch()
    {
        var text = File.ReadAllText(Repository.Path("fixtures", "gomodel", "double-resolve.json"));
        var file = _folder.Write("bare.json", text[..text.IndexOf(",\n    \"expect\"", StringComparison.Ordinal)] + "\n  }\n}\n");

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("mismatch", Assert.Single(run.Results).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Check_BrokenCheckWithoutExpect_IsAFindingEvenWhenTheLedgersAgree()
    {
        var text = File.ReadAllText(Repository.Path("fixtures", "gomodel", "listing-advances-counters.json"));
        var file = _folder.Write("bare.json", text[..text.IndexOf(",\n    \"expect\"", StringComparison.Ordinal)] + "\n  }\n}\n");

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = Assert.Single(run.Results);
        Assert.Equal("mismatch", result.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("first_divergence").ValueKind);
        Assert.Equal("listing_advances_counters", Assert.Single(result.GetProperty("violations").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Check_BadGoModelConfig_ExitsTwoWithGoModelsMessageAtTheRoutingPath()
    {
        var text = File.ReadAllText(Repository.Path("fixtures", "gomodel", "double-resolve.json"));
        var file = _folder.Write("bad.json", text.Replace("\"weight\": 1", "\"weight\": 0", StringComparison.Ordinal));

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.gomodel.routing", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("weight must be > 0 for weighted_round_robin", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuzz_EngineGoModel_FindsEveryFindingAndItsExamplesCheck()
    {
        var examples = Path.Combine(_folder.Root, "examples");

        var run = await AppRun.Of("fuzz", "--engine", "gomodel", "--cases", "300", "--out", examples, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var summary = Assert.Single(run.Results);
        Assert.Equal("gomodel", summary.GetProperty("engine").GetString());
        Assert.Equal(0, summary.GetProperty("unclassified").GetInt32());
        Assert.Equal(
            ["affinity_unbounded", "disabled_provider_traffic", "double_resolve", "listing_advances_counters", "toggle_crosses_pools", "weights_drift"],
            summary.GetProperty("classes").EnumerateObject().Select(c => c.Name));
        var check = await AppRun.Of("check", examples, "--format", "json");
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(6, check.Results.Count);
    }

    [Fact]
    public async Task Fuzz_UnknownEngine_ExitsTwo()
    {
        var run = await AppRun.Of("fuzz", "--engine", "nope");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Reproduce_GoModelScenario_PlaysBothVariantsOverHttpAndExitsOneWhenTheyPart()
    {
        var run = await AppRun.Of("reproduce", Repository.Path("fixtures", "gomodel", "double-resolve.json"), "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = Assert.Single(run.Results);
        Assert.Equal(["specified", "head"], result.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("variant").GetString()));
        Assert.Equal(1, result.GetProperty("first_divergence").GetInt32());
        Assert.Contains("counter gpt|a/m2 = 1", result.GetProperty("runs")[1].GetProperty("state_after").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("runs")[0].GetProperty("problems").GetArrayLength());
        Assert.Equal(
            "step 0 reports d/m2, which received no request (reached: a/m2)",
            Assert.Single(result.GetProperty("runs")[1].GetProperty("problems").EnumerateArray()).GetString());
    }
}
