using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Tests.Properties;

/// <summary>A generated scenario that prints as a one-line scenario file, so a counterexample can be pasted into fixtures/.</summary>
internal sealed record GeneratedWorld(Scenario Scenario)
{
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(Scenario, indented: false));
}

/// <summary>
/// Small routing worlds as scenarios: 1–3 stations of 0–4 upstreams, ids and URLs from tiny
/// alphabets so keys and signatures collide, model lists with wildcards, recorded states (sometimes
/// under another layout) with counts, cooldowns, exhaustion and last-good, outcome events, a model.
/// </summary>
internal static class RoutingWorlds
{
    private static readonly string[] StationNames = ["alpha", "beta", "gamma"];
    private static readonly string[] Urls = ["https://a/v1", "https://b/v1", "https://c/v1"];
    private static readonly string?[] ProviderIds = [null, null, "x", "y", "alpha#0"];
    private static readonly string?[] EndpointIds = [null, null, "e", "0", "default"];
    private static readonly string?[] Models = [null, null, "gpt-5", "gpt-4", "gpt-5-mini", "aba"];

    private static readonly Dictionary<string, bool>[] SupportedLists =
    [
        [], [], [],
        new() { ["gpt-5"] = true },
        new() { ["gpt-*"] = false },
        new() { ["gpt-4"] = true, ["*-mini"] = true },
        new() { ["ab*ba"] = true },
    ];

    private static readonly Dictionary<string, string>[] Mappings =
    [
        [], [], [],
        new() { ["gpt-5"] = "x" },
        new() { ["gpt-5*"] = "m-*" },
        new() { ["*-mini"] = "s-*", ["gpt-*"] = "g-*" },
    ];

    private static readonly long?[] Cooldowns = [null, null, null, 60_000, 5_000, 0, -1_000];
    private static readonly int?[] LastGood = [null, null, 0, 1, 2, 3, 5];
    private static readonly CooldownBackoff[] Backoffs = [CooldownBackoff.None, new(2, 10), new(2, 0)];

    public static Gen<Scenario> Scenario { get; } =
        from count in Gen.Choose(1, 3)
        from names in Gen.Shuffle(StationNames)
        from stations in Gen.CollectToArray(names.Take(count), Station)
        from service in Gen.Elements("codex", "claude")
        from model in Gen.Elements(Models)
        select new Scenario("generated", service, new ScenarioRequest(model), stations);

    /// <summary>The worlds, shrinking towards fewer stations, events, states and no model.</summary>
    public static Arbitrary<GeneratedWorld> Arbitrary { get; } =
        Arb.From(Scenario.Select(s => new GeneratedWorld(s)), world => Shrink(world.Scenario).Select(s => new GeneratedWorld(s)));

    private static Gen<Upstream> Upstream { get; } =
        from url in Gen.Elements(Urls)
        from providerId in Gen.Elements(ProviderIds)
        from endpointId in Gen.Elements(EndpointIds)
        from supported in Gen.Elements(SupportedLists)
        from mapping in Gen.Elements(Mappings)
        select new Upstream(url, Tags(providerId, endpointId), supported, mapping);

    private static Gen<ScenarioStation> Station(string name) =>
        from upstreams in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Upstream, n))
        from state in Gen.Frequency((1, Gen.Constant<ScenarioState?>(null)), (3, State(upstreams)))
        from events in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Event(upstreams.Length), n))
        select new ScenarioStation(new Station(name, upstreams), state, events);

    /// <summary>A recorded state, usually for the current upstreams, sometimes for a reordered subset of them.</summary>
    private static Gen<ScenarioState?> State(Upstream[] upstreams) =>
        from layout in Gen.Frequency<Upstream[]?>(
            (3, Gen.Constant<Upstream[]?>(null)),
            (1, Gen.SubListOf(upstreams).SelectMany(sub => Gen.Shuffle(sub.ToArray())).Select(sub => (Upstream[]?)sub)))
        let n = layout?.Length ?? upstreams.Length
        from counts in Maybe(Gen.ArrayOf(Gen.Choose(0, 4).Select(c => (uint)c), n))
        from cooldowns in Maybe(Gen.ArrayOf(Gen.Elements(Cooldowns), n))
        from exhausted in Maybe(Gen.ArrayOf(Gen.Elements(false, false, true), n))
        from streaks in Maybe(Gen.ArrayOf(Gen.Choose(0, 3).Select(s => (uint)s), n))
        from lastGood in Gen.Elements(LastGood)
        select (ScenarioState?)new ScenarioState(counts, cooldowns, exhausted, streaks, lastGood, layout);

    private static Gen<ScenarioEvent> Event(int upstreams)
    {
        var advance = Gen.Elements(1_000L, 61_000L).Select(ms => (ScenarioEvent)new AdvanceEvent(ms));
        if (upstreams == 0)
        {
            return advance;
        }

        var index = Gen.Choose(0, upstreams - 1);
        var record =
            from i in index
            from success in Gen.Elements(true, false, false)
            from secs in Gen.Elements(0UL, 2UL, 30UL)
            from backoff in Gen.Elements(Backoffs)
            select (ScenarioEvent)new RecordEvent(i, success, secs, backoff);
        var penalize =
            from i in index
            from secs in Gen.Elements(0UL, 60UL)
            from backoff in Gen.Elements(Backoffs)
            select (ScenarioEvent)new PenalizeEvent(i, secs, "p", backoff);
        return Gen.Frequency((3, record), (2, penalize), (1, advance));
    }

    private static Gen<T[]?> Maybe<T>(Gen<T[]> present) =>
        Gen.Frequency((1, Gen.Constant<T[]?>(null)), (3, present.Select(a => (T[]?)a)));

    private static Dictionary<string, string> Tags(string? providerId, string? endpointId)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (providerId is not null)
        {
            tags[TagNames.ProviderId] = providerId;
        }

        if (endpointId is not null)
        {
            tags[TagNames.EndpointId] = endpointId;
        }

        return tags;
    }

    /// <summary>Smaller worlds: fewer stations, no events, no state, no model.</summary>
    private static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        for (var i = 0; i < scenario.Stations.Count && scenario.Stations.Count > 1; i++)
        {
            yield return scenario with { Stations = [.. scenario.Stations.Where((_, j) => j != i)] };
        }

        for (var i = 0; i < scenario.Stations.Count; i++)
        {
            var station = scenario.Stations[i];
            if (station.Events.Count > 0)
            {
                yield return Replace(scenario, i, station with { Events = [] });
            }

            if (station.State is not null)
            {
                yield return Replace(scenario, i, station with { State = null });
            }
        }

        if (scenario.Request.Model is not null)
        {
            yield return scenario with { Request = new ScenarioRequest(null) };
        }
    }

    private static Scenario Replace(Scenario scenario, int index, ScenarioStation station) =>
        scenario with { Stations = [.. scenario.Stations.Select((s, j) => j == index ? station : s)] };
}
