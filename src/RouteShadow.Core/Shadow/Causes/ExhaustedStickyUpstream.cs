using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// D1: the sticky upstream that becomes the executor's affinity — the first station's last-good
/// upstream — is usage-exhausted. Legacy ignores a sticky then; the executor still prefers its
/// affinity in its second round. Undone by lifting that upstream's exhaustion, which leaves every
/// station's stickiness (and so the other causes) as it was.
/// </summary>
internal sealed class ExhaustedStickyUpstream : IDivergenceCause
{
    public DivergenceClass Class => DivergenceClass.ExhaustedStickyUpstream;

    public bool IsPresent(RoutingQuestion question, QuestionEdits edits) => AffinityStation(question, edits) is { } found && IsExhausted(found);

    public RoutingQuestion Undo(RoutingQuestion question, QuestionEdits edits)
    {
        if (AffinityStation(question, edits) is not { } found || !IsExhausted(found))
        {
            return question;
        }

        var (station, state, sticky) = found;
        return edits.EditStates(question, (s, _) =>
        {
            if (!ReferenceEquals(s, station))
            {
                return null;
            }

            var edited = state.Clone();
            edited.UsageExhausted[sticky] = false;
            return edited;
        });
    }

    /// <summary>The first station with a last-good upstream in range: the one the runtime bridge takes the affinity from.</summary>
    private static (Station Station, LbState State, int Sticky)? AffinityStation(RoutingQuestion question, QuestionEdits edits)
    {
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            var state = edits.LaidOut(question, station);
            if (state.LastGoodIndex is { } sticky && sticky < station.Upstreams.Count)
            {
                return (station, state, sticky);
            }
        }

        return null;
    }

    private static bool IsExhausted((Station Station, LbState State, int Sticky) found) => found.State.UsageExhausted[found.Sticky];
}
