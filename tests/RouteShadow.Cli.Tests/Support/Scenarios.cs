namespace RouteShadow.Cli.Tests.Support;

/// <summary>Small hand-written scenario documents, each named for what it shows.</summary>
internal static class Scenarios
{
    /// <summary>Three failures and an active cooldown: both engines skip upstream 0 for upstream 1.</summary>
    public const string Matching = """
        {
          "schema": "routeshadow/scenario@1",
          "name": "penalized upstream: both engines fail over",
          "stations": [
            {
              "name": "routing",
              "upstreams": [
                { "base_url": "https://a.example/v1" },
                { "base_url": "https://b.example/v1" }
              ],
              "state": { "failure_counts": [3, 0], "cooldown_remaining_ms": [60000, null] }
            }
          ]
        }
        """;

    /// <summary>One failure under an active cooldown: legacy still tries upstream 0, the executor does not (D6).</summary>
    public const string Mismatching = """
        {
          "schema": "routeshadow/scenario@1",
          "name": "cooldown below the failure threshold",
          "stations": [
            {
              "name": "routing",
              "upstreams": [
                { "base_url": "https://a.example/v1" },
                { "base_url": "https://b.example/v1" }
              ],
              "state": { "failure_counts": [1, 0], "cooldown_remaining_ms": [60000, null] }
            }
          ]
        }
        """;

    /// <summary>A scenario on one line, as a batch file holds it.</summary>
    public static string OneLine(string scenario) => string.Join(' ', scenario.Split('\n').Select(l => l.Trim()));
}
