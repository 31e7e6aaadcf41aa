using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Upstreams.Tests.Servers;

/// <summary>An upstream's behavior over real HTTP: the n-th request gets the n-th answer, and the last answer repeats.</summary>
public sealed class BehaviorMappingsTests
{
    [Theory]
    [InlineData(new[] { 503 }, new[] { 503, 503, 503 })]
    [InlineData(new[] { 503, 200 }, new[] { 503, 200, 200, 200 })]
    [InlineData(new[] { 429, 502, 200 }, new[] { 429, 502, 200, 200, 200 })]
    public async Task Answers_InOrder_ThenRepeatsTheLast(int[] behavior, int[] expected)
    {
        const string baseUrl = "https://a.example.test/v1";
        var answers = string.Join(", ", behavior.Select(status => $$"""{ "status": {{status}} }"""));
        var scenario = ScenarioReader.Read(Encoding.UTF8.GetBytes($$"""
            { "schema": "routeshadow/scenario@1",
              "stations": [ { "name": "s", "upstreams": [ { "base_url": "{{baseUrl}}", "behavior": [ {{answers}} ] } ] } ] }
            """));
        using var farm = UpstreamFarm.Start(scenario);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var statuses = new List<int>();
        foreach (var _ in expected)
        {
            using var response = await http.GetAsync(new Uri(farm.AddressOf(baseUrl), "v1/responses"));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(expected, statuses);
        Assert.Equal(expected.Length, farm.ReceivedBy(baseUrl).Count);
    }
}
