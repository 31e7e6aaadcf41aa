using RouteShadow.Cli.Tests.Support;
using RouteShadow.Tests.Shared;

namespace RouteShadow.Cli.Tests.Harn;

/// <summary><c>fuzz --engine harn</c>, and <c>check</c> and <c>reproduce</c> on harn scenarios.</summary>
public sealed class HarnCommandsTests : IDisposable
{
    private static readonly string[] KnownClasses =
    [
        "race_first_finisher_error", "race_deadline", "race_backup_skips_budget", "warn_fails_in_preflight",
        "budget_abort_unrecorded", "skipped_chain_blames_empty_chain", "timeout_ignores_explicit_rules",
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FuzzHarn_SeedOne_FindsEveryKnownClassAndItsExamplesCheck()
    {
        var examples = Path.Combine(_folder.Root, "examples");

        var run = await AppRun.Of("fuzz", "--engine", "harn", "--cases", "5000", "--seed", "1", "--out", examples, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var summary = Assert.Single(run.Results);
        Assert.Equal("harn", summary.GetProperty("engine").GetString());
        Assert.Equal(5000, summary.GetProperty("cases").GetInt32());
        Assert.Equal(0, summary.GetProperty("unclassified").GetInt32());
        var classes = summary.GetProperty("classes").EnumerateObject().ToList();
        Assert.Equal(KnownClasses, classes.Select(c => c.Name));
        Assert.All(classes, c => Assert.True(File.Exists(c.Value.GetProperty("example").GetString()), c.Name));

        var check = await AppRun.Of("check", examples, "--format", "json");
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(KnownClasses.Length, check.Results.Count);
        Assert.All(check.Results, r =>
        {
            Assert.Equal("harn", r.GetProperty("engine").GetString());
            Assert.Equal("expected_mismatch", r.GetProperty("verdict").GetString());
        });
    }

    [Fact]
    public async Task FuzzHarn_Table_NamesEachClassWithItsSpecIds()
    {
        var run = await AppRun.Of("fuzz", "--engine", "harn", "--cases", "3000", "--format", "table");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("fuzz harn: 3000 cases from seed 1:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("race_deadline                     H3, H6  raced_not_worse_than_sequential", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("warn_fails_in_preflight           H1      warn_changes_only_events", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("budget_abort_unrecorded           H10     ledger_accounts_for_the_outcome", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FuzzEngine_Unknown_ExitsTwo()
    {
        var run = await AppRun.Of("fuzz", "--engine", "harness");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("routeshadow fuzz --help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_HarnFixtures_AreExpectedMismatchesInTheTable()
    {
        var run = await AppRun.Of("check", Repository.Path("fixtures", "harn"), "--format", "table");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("harn seed: failed [generic] routing_policy: race exhausted both primary and backup attempts", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("7 scenarios: 0 match, 0 mismatch, 7 expected mismatch, 0 expectation failed, 0 engine error\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_HarnScenarioWithoutExpectation_IsAMismatchExitOne()
    {
        var file = Path.Combine(_folder.Root, "warn.json");
        await File.WriteAllTextAsync(file, """
            {"schema": "routeshadow/scenario@1", "name": "warn aborts",
             "harn": {"policy": {"chain": ["openai:gpt"], "budget": {"per_call_usd": 0.001, "on_exceed": "warn"}},
                      "pricing": {"openai:gpt": {"input_per_1k": 0.01, "output_per_1k": 0.01}},
                      "control": "seed", "candidate": "warn-specified"}}
            """);

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = Assert.Single(run.Results);
        Assert.Equal("mismatch", result.GetProperty("verdict").GetString());
        Assert.Equal(0, result.GetProperty("first_divergence").GetInt32());
        Assert.False(result.GetProperty("control").GetProperty("succeeded").GetBoolean());
        Assert.True(result.GetProperty("candidate").GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Check_HarnPolicyError_ExitsTwoWithPathAndLine()
    {
        var file = Path.Combine(_folder.Root, "bad.json");
        await File.WriteAllTextAsync(file, "{\"schema\": \"routeshadow/scenario@1\",\n \"harn\": {\"policy\": {\"chain\": [\"openai\"]}}}");

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("$.harn.policy.chain[0]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("routing_policy.chain[0]: expected {provider, model} dict or \\\"provider:model\\\" string, got \\\"openai\\\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"line\":2", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reproduce_HarnFixture_PlaysBothVariantsWithTheirEventsExitOne()
    {
        var run = await AppRun.Of("reproduce", Repository.Path("fixtures", "harn", "race_deadline.json"), "--format", "table");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("seed: failed after 500 ms: [generic] routing_policy: race exhausted both primary and backup attempts", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("event llm.routing.race_started {", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("sequential: succeeded after 800 ms, selected 0", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("the ledgers part at attempt position 0\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reproduce_HarnScenarioJson_ListsEachRunsEvents()
    {
        var run = await AppRun.Of("reproduce", Repository.Path("fixtures", "harn", "warn_fails_in_preflight.json"), "--format", "json");

        var result = Assert.Single(run.Results);
        Assert.False(result.GetProperty("matches").GetBoolean());
        var runs = result.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["seed", "warn-specified"], runs.Select(r => r.GetProperty("variant").GetString()));
        Assert.Equal("budget_exceeded", runs[0].GetProperty("run").GetProperty("error").GetProperty("category").GetString());
        Assert.Contains(runs[1].GetProperty("events").EnumerateArray(), e => e.GetProperty("category").GetString() == "llm.routing.budget_exceeded");
    }
}
