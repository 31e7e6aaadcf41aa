using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;

namespace RouteShadow.Core.Tests.Scenarios;

/// <summary>The optional reproduction blocks: read with their defaults, written back, and as strict as the rest.</summary>
public sealed class ReproductionBlocksTests
{
    private const string WithBlocks = """
        {
          "schema": "routeshadow/scenario@1",
          "request": { "model": "gpt-5", "path": "/v1/chat", "headers": { "x-a": "1" }, "stream": true },
          "retry": { "upstream": { "max_attempts": 3 }, "transport_cooldown_secs": 5 },
          "stations": [
            {
              "name": "alpha",
              "upstreams": [
                { "base_url": "https://a0/v1", "behavior": [ { "status": 429, "headers": { "Retry-After": "2" } }, { "fault": "connection_reset" } ] },
                { "base_url": "https://a1/v1" }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Read_Blocks_OverrideOnlyTheFieldsGiven()
    {
        var scenario = Read(WithBlocks);

        Assert.Equal(new HttpRequestSpec("POST", "/v1/chat", scenario.Request.Http!.Headers, "{}", Stream: true), scenario.Request.Http);
        Assert.Equal("1", scenario.Request.Http.Headers["x-a"]);
        Assert.Equal(3, scenario.Retry!.Upstream.MaxAttempts);
        Assert.Equal(RetrySettings.Balanced.Upstream.OnStatus, scenario.Retry.Upstream.OnStatus);
        Assert.Equal(5UL, scenario.Retry.TransportCooldownSecs);
        Assert.Equal(RetrySettings.Balanced.Provider, scenario.Retry.Provider);
        var station = scenario.Stations[0];
        Assert.Equal([429, 200], station.BehaviorOf(0).Select(r => r.Status));
        Assert.Equal(UpstreamFault.ConnectionReset, station.BehaviorOf(0)[1].Fault);
        Assert.Same(UpstreamResponse.Default, Assert.Single(station.BehaviorOf(1)));
    }

    [Fact]
    public void Write_Blocks_ReadBackTheSame()
    {
        var scenario = Read(WithBlocks);

        var again = ScenarioReader.Read(ScenarioWriter.ToUtf8(scenario));

        Assert.Equal(ScenarioWriter.ToUtf8(scenario), ScenarioWriter.ToUtf8(again));
        Assert.Equal(3, again.Retry!.Upstream.MaxAttempts);
        Assert.True(again.Request.Http!.Stream);
        Assert.Equal(UpstreamFault.ConnectionReset, again.Stations[0].BehaviorOf(0)[1].Fault);
    }

    [Fact]
    public void Read_WithoutBlocks_HasNone()
    {
        var scenario = Read("""{ "schema": "routeshadow/scenario@1", "request": { "model": null }, "stations": [] }""");

        Assert.Null(scenario.Request.Http);
        Assert.Null(scenario.Retry);
        Assert.DoesNotContain("retry", Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(scenario)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "schema": "routeshadow/scenario@1", "retry": { "upstream": { "tries": 1 } }, "stations": [] }""", "$.retry.upstream.tries")]
    [InlineData("""{ "schema": "routeshadow/scenario@1", "stations": [ { "name": "a", "upstreams": [ { "base_url": "u", "behavior": [ { "fault": "boom" } ] } ] } ] }""", "$.stations[0].upstreams[0].behavior[0].fault")]
    [InlineData("""{ "schema": "routeshadow/scenario@1", "stations": [ { "name": "a", "upstreams": [], "state": { "layout": [ { "base_url": "u", "behavior": [] } ] } } ] }""", "$.stations[0].state.layout[0].behavior")]
    [InlineData("""{ "schema": "routeshadow/scenario@1", "request": { "path": "v1" }, "stations": [] }""", "$.request.path")]
    public void Read_BadBlock_NamesItsPath(string json, string path)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => Read(json));

        Assert.Equal(path, error.JsonPath);
    }

    private static Scenario Read(string json) => ScenarioReader.Read(Encoding.UTF8.GetBytes(json));
}
