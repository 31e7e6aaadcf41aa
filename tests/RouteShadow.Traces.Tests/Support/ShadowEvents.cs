using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;
using RouteShadow.Traces.Triage;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Traces.Tests.Support;

/// <summary>Production's shadow mismatches for tests: fixtures planned by the C# engines, written as codex-helper writes them.</summary>
internal static class ShadowEvents
{
    public const long StartMs = 1_778_716_800_000;

    public static Scenario Fixture(string name) =>
        ScenarioReader.Read(File.ReadAllBytes(Repository.Path("fixtures", "spec", name + ".json")));

    public static ShadowReport Report(Scenario scenario) =>
        ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, StartMs)).Report;

    /// <summary>The control-trace line of request <paramref name="requestId"/> meeting <paramref name="scenario"/>.</summary>
    public static string Line(Scenario scenario, long requestId) =>
        ShadowMismatchTrace.Line("codex", requestId, scenario.Request.Model, Report(scenario), StartMs + requestId * 1000);

    public static MismatchEvent Event(Scenario scenario)
    {
        var report = Report(scenario);
        return new MismatchEvent("t.jsonl", 1, StartMs, "codex", "codex-1", scenario.Request.Model, report.LegacyAttempts, report.ExecutorAttempts);
    }

    /// <summary>The same scenario under other names: stations, URLs and provider ids renamed consistently.</summary>
    public static Scenario Renamed(Scenario scenario, string prefix) => scenario with
    {
        Stations = [.. scenario.Stations.Select(s => s with
        {
            Station = new Station(prefix + s.Station.Name, [.. s.Station.Upstreams.Select(u => new Upstream(
                u.BaseUrl.Replace("https://", $"https://{prefix}.", StringComparison.Ordinal),
                u.Tags.ToDictionary(t => t.Key, t => t.Key == TagNames.ProviderId ? prefix + t.Value : t.Value),
                u.SupportedModels,
                u.ModelMapping))]),
        })],
    };
}
