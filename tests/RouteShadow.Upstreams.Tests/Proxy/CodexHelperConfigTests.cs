using System.Text.Json;
using RouteShadow.Upstreams.Proxy;
using RouteShadow.Upstreams.Servers;
using RouteShadow.Upstreams.Tests.Support;

namespace RouteShadow.Upstreams.Tests.Proxy;

/// <summary>The codex-helper config <c>reproduce --write-config</c> writes for a scenario's farm.</summary>
public sealed class CodexHelperConfigTests
{
    [Fact]
    public void Config_TwoStations_KeepsTheirOrderThroughLevelsAndPointsEachUpstreamAtItsServer()
    {
        var scenario = Reproductions.Load("divergence-second-station-sticky.json");
        using var farm = UpstreamFarm.Start(scenario);

        using var config = JsonDocument.Parse(CodexHelperConfig.ToUtf8(scenario, farm));

        var codex = config.RootElement.GetProperty("codex");
        Assert.Equal("alpha", codex.GetProperty("active").GetString());
        var stations = codex.GetProperty("stations");
        Assert.Equal(1, stations.GetProperty("alpha").GetProperty("level").GetInt32());
        Assert.Equal(2, stations.GetProperty("beta").GetProperty("level").GetInt32());
        var beta = stations.GetProperty("beta").GetProperty("upstreams").EnumerateArray().Select(u => u.GetProperty("base_url").GetString()).ToList();
        Assert.Equal(
            [Served(farm, "https://b0.example.test/v1"), Served(farm, "https://b1.example.test/v1")],
            beta);
        Assert.All(beta, url => Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal));
    }

    [Fact]
    public void Config_RetryBlock_IsTheScenariosWithoutJitter()
    {
        var scenario = Reproductions.Load("divergence-second-station-sticky.json");
        using var farm = UpstreamFarm.Start(scenario);

        using var config = JsonDocument.Parse(CodexHelperConfig.ToUtf8(scenario, farm));

        var retry = config.RootElement.GetProperty("retry");
        Assert.True(retry.GetProperty("allow_cross_station_before_first_output").GetBoolean());
        Assert.Equal(0, retry.GetProperty("upstream").GetProperty("jitter_ms").GetInt32());
        Assert.Equal(200, retry.GetProperty("upstream").GetProperty("backoff_ms").GetInt32());
        Assert.Equal("413,415,422", retry.GetProperty("never_on_status").GetString());
    }

    [Theory]
    [InlineData("https://relay.example/v1?api_key=sk-secret", "http://127.0.0.1:4000/v1")]
    [InlineData("https://relay.example", "http://127.0.0.1:4000")]
    [InlineData("not a url", "not a url")]
    public void ServedBaseUrl_KeepsThePathAndDropsTheQuery(string baseUrl, string expected) =>
        Assert.Equal(expected, CodexHelperConfig.ServedBaseUrl(baseUrl, new Uri("http://127.0.0.1:4000/")));

    private static string Served(UpstreamFarm farm, string baseUrl) => farm.AddressOf(baseUrl).ToString() + "v1";
}
