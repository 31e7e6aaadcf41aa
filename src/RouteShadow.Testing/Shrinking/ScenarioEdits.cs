using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Testing.Shrinking;

/// <summary>
/// Structural edits of a scenario that keep it a valid file: removing an upstream also removes its
/// entries from the recorded state and its events, and renumbers what follows.
/// </summary>
internal static class ScenarioEdits
{
    public static Scenario WithStation(Scenario scenario, int at, ScenarioStation station) =>
        scenario with { Stations = Replaced(scenario.Stations, at, station) };

    public static Scenario WithoutStation(Scenario scenario, int at) =>
        scenario with { Stations = Without(scenario.Stations, at) };

    /// <summary>
    /// The station without upstream <paramref name="index"/>: its events go, later events are
    /// renumbered, and a state recorded under the current list loses that upstream's entries.
    /// </summary>
    public static ScenarioStation WithoutUpstream(ScenarioStation station, int index)
    {
        var events = new List<ScenarioEvent>(station.Events.Count);
        foreach (var scenarioEvent in station.Events)
        {
            switch (scenarioEvent)
            {
                case RecordEvent record when record.Index == index:
                case PenalizeEvent penalize when penalize.Index == index:
                    break;
                case RecordEvent record when record.Index > index:
                    events.Add(record with { Index = record.Index - 1 });
                    break;
                case PenalizeEvent penalize when penalize.Index > index:
                    events.Add(penalize with { Index = penalize.Index - 1 });
                    break;
                default:
                    events.Add(scenarioEvent);
                    break;
            }
        }

        var state = station.State is { Layout: null } current ? WithoutEntry(current, index) : station.State;
        return new ScenarioStation(station.Station.WithUpstreams(Without(station.Station.Upstreams, index)), state, events);
    }

    /// <summary>
    /// The station with its state recorded under the current upstreams instead of an older
    /// layout: migrated exactly as the load balancer migrates it, so the question it poses is the same.
    /// </summary>
    public static ScenarioStation WithStateMigrated(ScenarioStation station)
    {
        if (station.State is not { Layout: not null } recorded)
        {
            return station;
        }

        var live = RecordedState.Live(station.Station, recorded, ScenarioShadow.NowMs);
        live.EnsureLayout(station.Station.Signature);
        return station with { State = RecordedState.Of(live, ScenarioShadow.NowMs, layout: null) };
    }

    /// <summary>The state without upstream <paramref name="index"/> of the layout it was recorded under.</summary>
    public static ScenarioState WithoutLayoutUpstream(ScenarioState state, int index) =>
        WithoutEntry(state, index) with { Layout = state.Layout is { } layout ? Without(layout, index) : null };

    public static IReadOnlyList<T> Replaced<T>(IReadOnlyList<T> items, int at, T item)
    {
        var copy = items.ToArray();
        copy[at] = item;
        return copy;
    }

    public static T[] Replaced<T>(T[] items, int at, T item)
    {
        var copy = (T[])items.Clone();
        copy[at] = item;
        return copy;
    }

    public static IReadOnlyList<T> Without<T>(IReadOnlyList<T> items, int at) =>
        [.. items.Take(at), .. items.Skip(at + 1)];

    public static Upstream WithSupportedModels(Upstream upstream, IReadOnlyDictionary<string, bool> models) =>
        new(upstream.BaseUrl, upstream.Tags, models, upstream.ModelMapping);

    public static Upstream WithModelMapping(Upstream upstream, IReadOnlyDictionary<string, string> mapping) =>
        new(upstream.BaseUrl, upstream.Tags, upstream.SupportedModels, mapping);

    /// <summary>The map without <paramref name="key"/>, its other entries in their order.</summary>
    public static Dictionary<string, T> WithoutKey<T>(IReadOnlyDictionary<string, T> map, string key)
    {
        var copy = new Dictionary<string, T>(map.Count, StringComparer.Ordinal);
        foreach (var (k, v) in map)
        {
            if (!string.Equals(k, key, StringComparison.Ordinal))
            {
                copy.Add(k, v);
            }
        }

        return copy;
    }

    /// <summary>Removes position <paramref name="index"/> from every array; the sticky index follows its upstream.</summary>
    private static ScenarioState WithoutEntry(ScenarioState state, int index) => state with
    {
        FailureCounts = WithoutAt(state.FailureCounts, index),
        CooldownRemainingMs = WithoutAt(state.CooldownRemainingMs, index),
        UsageExhausted = WithoutAt(state.UsageExhausted, index),
        PenaltyStreak = WithoutAt(state.PenaltyStreak, index),
        LastGoodIndex = state.LastGoodIndex switch
        {
            { } sticky when sticky == index => null,
            { } sticky when sticky > index => sticky - 1,
            var sticky => sticky,
        },
    };

    private static T[]? WithoutAt<T>(T[]? values, int index) => values is null ? null : [.. values.Take(index), .. values.Skip(index + 1)];
}
