using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// Copy-on-write edits of a routing question, shared by the divergence causes while they classify
/// one question. One instance per classification: it remembers the states it laid out.
/// </summary>
internal sealed class QuestionEdits
{
    /// <summary>
    /// States read laid out so far, by the stored state and the layout they were read for. The
    /// causes read the same stations again and again, on the question and on its edited copies
    /// (which share the untouched states), and a state recorded under another layout would be
    /// copied and migrated on every read. Stored states are never changed, so the reads stay valid.
    /// </summary>
    private readonly List<(LbState? Stored, LayoutSignature Layout, LbState LaidOut)> _migrated = [];

    /// <summary>The station's state laid out for its current upstreams, as both engines read it. Read-only.</summary>
    public LbState LaidOut(RoutingQuestion question, Station station)
    {
        question.States.TryGet(station.Name, out var stored);
        if (stored is not null && stored.IsLaidOutFor(station.Signature))
        {
            return stored;
        }

        foreach (var (earlier, layout, laidOut) in _migrated)
        {
            if (ReferenceEquals(earlier, stored) && ReferenceEquals(layout, station.Signature))
            {
                return laidOut;
            }
        }

        var migrated = LbState.ReadLaidOut(stored, station.Signature);
        _migrated.Add((stored, station.Signature, migrated));
        return migrated;
    }

    /// <summary>
    /// The question with some stations' states replaced: <paramref name="edit"/> sees each laid-out
    /// state and returns an edited copy, or null to leave it.
    /// </summary>
    public RoutingQuestion EditStates(RoutingQuestion question, Func<Station, LbState, LbState?> edit)
    {
        LbStateMap? states = null;
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            if (edit(station, LaidOut(question, station)) is { } edited)
            {
                (states ??= question.States.ShallowCopy()).Set(station.Name, edited);
            }
        }

        return states is null ? question : question with { States = states };
    }

    /// <summary>A copy of the state with no sticky upstream.</summary>
    public static LbState WithoutSticky(LbState state)
    {
        var edited = state.Clone();
        edited.LastGoodIndex = null;
        return edited;
    }

    /// <summary>
    /// The question with some stations replaced by renamed or relabelled copies. Each replacement's
    /// state is the original laid-out state re-keyed for the new layout, so nothing migrates or resets.
    /// </summary>
    public RoutingQuestion ReplaceStations(RoutingQuestion question, IReadOnlyList<Station> replacements)
    {
        var states = question.States.ShallowCopy();
        for (var i = 0; i < replacements.Count; i++)
        {
            var (before, after) = (question.Stations[i], replacements[i]);
            if (ReferenceEquals(before, after))
            {
                continue;
            }

            var state = LaidOut(question, before).Clone();
            state.Resign(after.Signature);
            states.Set(after.Name, state);
        }

        return question with { Stations = replacements, States = states };
    }

    /// <summary>The provider-endpoint identity (provider id, endpoint id) of each upstream of a station.</summary>
    public static (string ProviderId, string EndpointId) KeyOf(Station station, int index) =>
        (station.ProviderIdAt(index), station.EndpointIdAt(index));

    /// <summary>
    /// Relabels the chosen upstreams with fresh endpoint ids that collide with nothing, so their
    /// provider-endpoint keys become unique.
    /// </summary>
    public RoutingQuestion Relabel(RoutingQuestion question, Func<int, int, bool> chosen)
    {
        var relabelled = new List<(string, string)>();
        var replaced = new List<Station>(question.Stations.Count);
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            Upstream[]? upstreams = null;
            for (var i = 0; i < station.Upstreams.Count; i++)
            {
                if (!chosen(s, i))
                {
                    continue;
                }

                var (providerId, endpointId) = KeyOf(station, i);
                var fresh = $"{endpointId}~{s}.{i}";
                while (IsTaken(question, relabelled, (providerId, fresh)))
                {
                    fresh += "~";
                }

                relabelled.Add((providerId, fresh));

                upstreams ??= [.. station.Upstreams];
                var tags = new Dictionary<string, string>(station.Upstreams[i].Tags, StringComparer.Ordinal)
                {
                    [TagNames.EndpointId] = fresh,
                };
                upstreams[i] = station.Upstreams[i].WithTags(tags);
            }

            replaced.Add(upstreams is null ? station : station.WithUpstreams(upstreams));
        }

        return ReplaceStations(question, replaced);
    }

    /// <summary>Whether an upstream of the question, or one relabelled already, has <paramref name="key"/>.</summary>
    /// <remarks>Linear scans: a question has tens of upstreams, and a set would cost more than it saves.</remarks>
    private static bool IsTaken(RoutingQuestion question, List<(string, string)> relabelled, (string, string) key)
    {
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            for (var i = 0; i < station.Upstreams.Count; i++)
            {
                if (KeyOf(station, i) == key)
                {
                    return true;
                }
            }
        }

        return relabelled.Contains(key);
    }
}
