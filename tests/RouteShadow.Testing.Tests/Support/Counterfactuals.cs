using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Testing.Tests.Support;

/// <summary>
/// Which known divergence causes a question has, and the question with one removed — written
/// here, against the public API only and independently of the classifier, to check its verdicts.
/// </summary>
internal static class Counterfactuals
{
    public static RoutingQuestion Without(RoutingQuestion question, DivergenceClass cause) => cause switch
    {
        DivergenceClass.ExhaustedStickyUpstream => EditStates(question, (station, state) =>
        {
            if (state.LastGoodIndex is { } sticky && sticky < station.Upstreams.Count && state.UsageExhausted[sticky])
            {
                state.LastGoodIndex = null;
            }
        }),
        DivergenceClass.MultiStationSticky => ForgetAllButTheFirstSticky(question),
        DivergenceClass.CooldownBelowThreshold => EditStates(question, (_, state) =>
        {
            for (var i = 0; i < state.CooldownUntil.Length; i++)
            {
                if (state.CooldownUntil[i] > question.NowMs && state.FailureCounts[i] < LoadBalancerConstants.FailureThreshold)
                {
                    state.CooldownUntil[i] = null;
                }
            }
        }),
        DivergenceClass.CrossStationKeyCollision or DivergenceClass.InStationKeyCollision => WithUniqueKeys(question),
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "no known cause to remove"),
    };

    /// <summary>The known causes present in a question, whether or not they make a difference.</summary>
    public static IReadOnlyList<DivergenceClass> Present(RoutingQuestion question)
    {
        var states = question.Stations.Select(station => (Station: station, State: LaidOut(question, station))).ToList();
        var present = new List<DivergenceClass>();
        if (states.Any(s => Sticky(s.Station, s.State) is { } sticky && s.State.UsageExhausted[sticky]))
        {
            present.Add(DivergenceClass.ExhaustedStickyUpstream);
        }

        if (states.Count(s => Sticky(s.Station, s.State) is not null) > 1)
        {
            present.Add(DivergenceClass.MultiStationSticky);
        }

        if (states.Any(s => s.State.CooldownUntil.Where((until, i) => until > question.NowMs && s.State.FailureCounts[i] < LoadBalancerConstants.FailureThreshold).Any()))
        {
            present.Add(DivergenceClass.CooldownBelowThreshold);
        }

        var keys = question.Stations
            .SelectMany((station, s) => station.Upstreams.Select((_, i) => (Station: s, Key: (station.ProviderIdAt(i), station.EndpointIdAt(i)))))
            .GroupBy(upstream => upstream.Key)
            .Where(sharing => sharing.Count() > 1)
            .ToList();
        if (keys.Any(sharing => sharing.Select(u => u.Station).Distinct().Count() > 1))
        {
            present.Add(DivergenceClass.CrossStationKeyCollision);
        }

        if (keys.Any(sharing => sharing.GroupBy(u => u.Station).Any(station => station.Count() > 1)))
        {
            present.Add(DivergenceClass.InStationKeyCollision);
        }

        return present;
    }

    private static int? Sticky(Station station, LbState state) =>
        state.LastGoodIndex is { } sticky && sticky < station.Upstreams.Count ? sticky : null;

    private static RoutingQuestion ForgetAllButTheFirstSticky(RoutingQuestion question)
    {
        var seenSticky = false;
        return EditStates(question, (station, state) =>
        {
            if (state.LastGoodIndex is { } sticky && sticky < station.Upstreams.Count && !seenSticky)
            {
                seenSticky = true;
                return;
            }

            state.LastGoodIndex = null;
        });
    }

    /// <summary>
    /// Every upstream gets an endpoint id of its own, so no two share a provider-endpoint key; each
    /// keeps its load-balancer state, position for position, rather than losing it to a migration.
    /// </summary>
    private static RoutingQuestion WithUniqueKeys(RoutingQuestion question)
    {
        var states = question.States.Clone();
        var stations = question.Stations.Select(station =>
        {
            var relabelled = new Station(station.Name, [.. station.Upstreams.Select((u, i) =>
                u.WithTags(new Dictionary<string, string>(u.Tags, StringComparer.Ordinal) { [TagNames.EndpointId] = $"{station.Name}.{i}" }))]);
            var old = LaidOut(question, station);
            var state = LbState.LaidOutFor(relabelled.Signature);
            old.FailureCounts.CopyTo(state.FailureCounts, 0);
            old.CooldownUntil.CopyTo(state.CooldownUntil, 0);
            old.UsageExhausted.CopyTo(state.UsageExhausted, 0);
            old.PenaltyStreak.CopyTo(state.PenaltyStreak, 0);
            state.LastGoodIndex = old.LastGoodIndex;
            states.Set(station.Name, state);
            return relabelled;
        }).ToList();

        return question with { Stations = stations, States = states };
    }

    /// <summary>The question with each station's laid-out state copied and edited in place by <paramref name="edit"/>.</summary>
    private static RoutingQuestion EditStates(RoutingQuestion question, Action<Station, LbState> edit)
    {
        var states = question.States.Clone();
        foreach (var station in question.Stations)
        {
            var state = LaidOut(question, station).Clone();
            edit(station, state);
            states.Set(station.Name, state);
        }

        return question with { States = states };
    }

    private static LbState LaidOut(RoutingQuestion question, Station station)
    {
        question.States.TryGet(station.Name, out var stored);
        return LbState.ReadLaidOut(stored, station.Signature);
    }
}
