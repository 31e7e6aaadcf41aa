using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;
using static RouteShadow.Testing.Shrinking.ScenarioEdits;

namespace RouteShadow.Testing.Shrinking;

/// <summary>
/// Shrinks scenarios towards the smallest one that still shows a failure. The shrinks of a
/// scenario are valid scenario files, each strictly smaller than it, biggest cuts first: a
/// station, an upstream (with its state entries and events), a recorded layout, an event, a whole
/// state, the request model, a tag or model-map entry, then single state values and event
/// parameters reset to their defaults. A shrink is named for what it was shrunk from, and never
/// carries the expect block: that describes the original scenario.
/// </summary>
public static class ScenarioShrinker
{
    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        const string shrunkFrom = "shrunk from ";
        var bare = scenario with
        {
            Name = scenario.Name.StartsWith(shrunkFrom, StringComparison.Ordinal) ? scenario.Name : shrunkFrom + scenario.Name,
            Expect = null,
        };
        return Stations(bare)
            .Concat(Upstreams(bare))
            .Concat(Layouts(bare))
            .Concat(Events(bare))
            .Concat(States(bare))
            .Concat(Request(bare))
            .Concat(UpstreamDetails(bare))
            .Concat(StateValues(bare))
            .Concat(EventParameters(bare));
    }

    /// <summary>
    /// Shrinks <paramref name="scenario"/> greedily for as long as <paramref name="keeps"/> holds
    /// (which it must for the scenario itself): the first shrink that keeps it is taken, and
    /// shrinking starts over from there. The result is a local minimum — no single shrink of it
    /// keeps the predicate.
    /// </summary>
    public static Scenario Minimize(Scenario scenario, Func<Scenario, bool> keeps)
    {
        var current = scenario;
        while (Shrink(current).FirstOrDefault(keeps) is { } smaller)
        {
            current = smaller;
        }

        return current;
    }

    private static IEnumerable<Scenario> Stations(Scenario s)
    {
        for (var k = 0; s.Stations.Count > 1 && k < s.Stations.Count; k++)
        {
            yield return WithoutStation(s, k);
        }
    }

    private static IEnumerable<Scenario> Upstreams(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            for (var i = 0; i < s.Stations[k].Station.Upstreams.Count; i++)
            {
                yield return WithStation(s, k, WithoutUpstream(s.Stations[k], i));
            }
        }
    }

    /// <summary>A state recorded under an older layout loses the layout, or one upstream of it.</summary>
    private static IEnumerable<Scenario> Layouts(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            if (s.Stations[k] is not { State: { Layout: { } layout } state } station)
            {
                continue;
            }

            yield return WithStation(s, k, WithStateMigrated(station));
            for (var j = 0; j < layout.Count; j++)
            {
                yield return WithStation(s, k, station with { State = WithoutLayoutUpstream(state, j) });
            }
        }
    }

    private static IEnumerable<Scenario> Events(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            for (var e = 0; e < s.Stations[k].Events.Count; e++)
            {
                yield return WithStation(s, k, s.Stations[k] with { Events = Without(s.Stations[k].Events, e) });
            }
        }
    }

    private static IEnumerable<Scenario> States(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            if (s.Stations[k].State is not null)
            {
                yield return WithStation(s, k, s.Stations[k] with { State = null });
            }
        }
    }

    private static IEnumerable<Scenario> Request(Scenario s)
    {
        if (s.Request.Model is not null)
        {
            yield return s with { Request = new ScenarioRequest(null) };
        }

        if (s.Service != Scenario.DefaultService)
        {
            yield return s with { Service = Scenario.DefaultService };
        }
    }

    /// <summary>One tag or model-map entry less, on a current upstream or on one of a recorded layout.</summary>
    private static IEnumerable<Scenario> UpstreamDetails(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            var station = s.Stations[k];
            var upstreams = station.Station.Upstreams;
            for (var i = 0; i < upstreams.Count; i++)
            {
                foreach (var simpler in SimplerUpstreams(upstreams[i]))
                {
                    yield return WithStation(s, k, station with { Station = station.Station.WithUpstreams(Replaced(upstreams, i, simpler)) });
                }
            }

            if (station.State is not { Layout: { } layout } state)
            {
                continue;
            }

            for (var j = 0; j < layout.Count; j++)
            {
                foreach (var simpler in SimplerUpstreams(layout[j]))
                {
                    yield return WithStation(s, k, station with { State = state with { Layout = Replaced(layout, j, simpler) } });
                }
            }
        }
    }

    private static IEnumerable<Upstream> SimplerUpstreams(Upstream u)
    {
        foreach (var key in u.Tags.Keys)
        {
            yield return u.WithTags(WithoutKey(u.Tags, key));
        }

        foreach (var key in u.SupportedModels.Keys)
        {
            yield return new Upstream(u.BaseUrl, u.Tags, WithoutKey(u.SupportedModels, key), u.ModelMapping);
        }

        foreach (var key in u.ModelMapping.Keys)
        {
            yield return new Upstream(u.BaseUrl, u.Tags, u.SupportedModels, WithoutKey(u.ModelMapping, key));
        }
    }

    /// <summary>A whole array or the sticky index dropped (fresh values), then one value reset towards fresh.</summary>
    private static IEnumerable<Scenario> StateValues(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            if (s.Stations[k].State is not { } state)
            {
                continue;
            }

            foreach (var simpler in SimplerStates(state))
            {
                yield return WithStation(s, k, s.Stations[k] with { State = simpler });
            }
        }
    }

    private static IEnumerable<ScenarioState> SimplerStates(ScenarioState s)
    {
        if (s.FailureCounts is not null)
        {
            yield return s with { FailureCounts = null };
        }

        if (s.CooldownRemainingMs is not null)
        {
            yield return s with { CooldownRemainingMs = null };
        }

        if (s.UsageExhausted is not null)
        {
            yield return s with { UsageExhausted = null };
        }

        if (s.PenaltyStreak is not null)
        {
            yield return s with { PenaltyStreak = null };
        }

        if (s.LastGoodIndex is not null)
        {
            yield return s with { LastGoodIndex = null };
        }

        foreach (var counts in SimplerValues(s.FailureCounts, SimplerCount))
        {
            yield return s with { FailureCounts = counts };
        }

        foreach (var cooldowns in SimplerValues(s.CooldownRemainingMs, ms => ms is null ? [] : [null]))
        {
            yield return s with { CooldownRemainingMs = cooldowns };
        }

        foreach (var exhausted in SimplerValues(s.UsageExhausted, flag => flag ? [false] : []))
        {
            yield return s with { UsageExhausted = exhausted };
        }

        foreach (var streaks in SimplerValues(s.PenaltyStreak, streak => streak == 0 ? [] : [0u]))
        {
            yield return s with { PenaltyStreak = streaks };
        }
    }

    /// <summary>Cleared, or — past the threshold — down to exactly the threshold.</summary>
    private static uint[] SimplerCount(uint count) => count switch
    {
        0 => [],
        > LoadBalancerConstants.FailureThreshold => [0, LoadBalancerConstants.FailureThreshold],
        _ => [0],
    };

    private static IEnumerable<T[]> SimplerValues<T>(T[]? values, Func<T, T[]> simpler)
    {
        for (var i = 0; values is not null && i < values.Length; i++)
        {
            foreach (var value in simpler(values[i]))
            {
                yield return Replaced(values, i, value);
            }
        }
    }

    /// <summary>Event parameters back to their defaults: no backoff, the default cooldown.</summary>
    private static IEnumerable<Scenario> EventParameters(Scenario s)
    {
        for (var k = 0; k < s.Stations.Count; k++)
        {
            var events = s.Stations[k].Events;
            for (var e = 0; e < events.Count; e++)
            {
                foreach (var simpler in SimplerEvents(events[e]))
                {
                    yield return WithStation(s, k, s.Stations[k] with { Events = Replaced(events, e, simpler) });
                }
            }
        }
    }

    private static IEnumerable<ScenarioEvent> SimplerEvents(ScenarioEvent scenarioEvent)
    {
        switch (scenarioEvent)
        {
            case RecordEvent record:
                if (record.Backoff != CooldownBackoff.None)
                {
                    yield return record with { Backoff = CooldownBackoff.None };
                }

                if (record.CooldownSecs != LoadBalancerConstants.CooldownSecs)
                {
                    yield return record with { CooldownSecs = LoadBalancerConstants.CooldownSecs };
                }

                break;
            case PenalizeEvent penalize when penalize.Backoff != CooldownBackoff.None:
                yield return penalize with { Backoff = CooldownBackoff.None };
                break;
        }
    }
}
