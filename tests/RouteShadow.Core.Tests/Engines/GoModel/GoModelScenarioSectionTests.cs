using System.Text;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Core.Tests.Engines.GoModel;

/// <summary>The <c>gomodel</c> scenario section: read strictly, written canonically, errors with path and line.</summary>
public sealed class GoModelScenarioSectionTests
{
    private const string Minimal = """
        {
          "schema": "routeshadow/scenario@1",
          "stations": [],
          "gomodel": {
            "routing": { "model_pools": { "gpt": { "candidates": [ { "provider": "a", "model": "m", "priority": 1 } ] } } },
            "steps": [ { "op": "request", "model": "gpt" } ]
          }
        }
        """;

    [Fact]
    public void Read_MinimalSection_DefaultsEverythingElse()
    {
        var section = Read(Minimal).GoModel!;
        Assert.Equal(RoutingDefaults.Default, section.Config.Defaults);
        Assert.Equal((GoModelVariant.Specified, GoModelVariant.Head), (section.Control, section.Candidate));
        Assert.Equal([new RequestStep("gpt")], section.Steps);
        Assert.Null(section.Expect);
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameSection()
    {
        var text = Minimal.Replace(
            "\"steps\": [ { \"op\": \"request\", \"model\": \"gpt\" } ]",
            """
            "engines": { "control": "resolve-once", "candidate": "head" },
            "state": { "counters": { "gpt|a/m": 2 }, "pins": [ { "key": "gpt|user_path|/t", "candidate": "a/m", "expires_in_ms": 5 } ],
                       "routing_state": [ { "kind": "provider", "provider_name": "a", "enabled": false } ],
                       "runtime": { "a": { "discovered": 2, "model_fetch_error": "x" } } },
            "steps": [ { "op": "request", "model": "gpt", "user_path": "/t" }, { "op": "list_models" }, { "op": "advance", "ms": 10 },
                       { "op": "set_state", "kind": "pool_candidate", "provider_name": "a", "canonical_model": "gpt", "model": "m", "enabled": true } ],
            "replies": { "a/m": [ { "status": 503, "message": "overloaded" } ] },
            "expect": { "matches": false, "first_divergence": 1, "violations": ["double_resolve"] }
            """, StringComparison.Ordinal);
        var once = Read(text);
        var twice = ScenarioReader.Read(ScenarioWriter.ToUtf8(once));
        Assert.Equal(Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(once)), Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(twice)));
        Assert.Equal(4, twice.GoModel!.Steps.Count);
        Assert.Equal(GoModelVariant.Named("resolve-once"), twice.GoModel.Control);
    }

    [Fact]
    public void Read_ScenarioWithoutSection_HasNone() =>
        Assert.Null(Read("""{ "schema": "routeshadow/scenario@1", "stations": [] }""").GoModel);

    [Theory]
    [InlineData("\"priority\": 1", "\"priority\": 0", "$.gomodel.routing", "routing.model_pools[\"gpt\"].candidates[0].priority must be > 0 for priority_failover", 5)]
    [InlineData("{ \"op\": \"request\", \"model\": \"gpt\" }", "{ \"op\": \"jump\" }", "$.gomodel.steps[0].op", "unknown op 'jump'", 6)]
    [InlineData("{ \"op\": \"request\", \"model\": \"gpt\" }", "{ \"op\": \"list_models\", \"model\": \"gpt\" }", "$.gomodel.steps[0].model", "unknown field for 'list_models'", 6)]
    [InlineData("{ \"op\": \"request\", \"model\": \"gpt\" }", "{ \"op\": \"set_state\", \"kind\": \"pool\", \"enabled\": true }", "$.gomodel.steps[0].kind", "kind must be one of: provider, canonical_model, pool_candidate", 6)]
    [InlineData("{ \"op\": \"request\", \"model\": \"gpt\" }", "{ \"op\": \"set_state\", \"kind\": \"pool_candidate\", \"provider_name\": \"a\", \"enabled\": true }", "$.gomodel.steps[0]", "provider_name and model are required for pool_candidate", 6)]
    [InlineData("{ \"op\": \"request\", \"model\": \"gpt\" }", "{ \"op\": \"set_state\", \"kind\": \"provider\", \"provider_name\": \"a\" }", "$.gomodel.steps[0]", "enabled is required", 6)]
    [InlineData("\"routing\"", "\"routin\"", "$.gomodel.routin", "unknown field", 5)]
    public void Read_BadSection_NamesPathAndLine(string find, string replace, string path, string reason, long line)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => Read(Minimal.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Equal(path, error.JsonPath);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Read_UnknownVariant_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ScenarioFormatException>(() =>
            Read(Minimal.Replace("\"steps\"", "\"engines\": { \"candidate\": \"tip\" }, \"steps\"", StringComparison.Ordinal)));
        Assert.Equal("$.gomodel.engines.candidate", error.JsonPath);
        Assert.Contains("resolve-once", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExpectThatContradictsItself_IsRejected() =>
        Assert.Throws<ScenarioFormatException>(() =>
            Read(Minimal.Replace("\"steps\"", "\"expect\": { \"matches\": true, \"first_divergence\": 0 }, \"steps\"", StringComparison.Ordinal)));

    private static Scenario Read(string text) => ScenarioReader.Read(Encoding.UTF8.GetBytes(text));
}
