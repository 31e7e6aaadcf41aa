using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// D2: more than one station has a last-good upstream. Legacy honours each station's own; the
/// executor has one global affinity, the first station's. Undone by forgetting the later ones.
/// </summary>
internal sealed class MultiStationSticky : IDivergenceCause
{
    public DivergenceClass Class => DivergenceClass.MultiStationSticky;

    public bool IsPresent(RoutingQuestion question, QuestionEdits edits)
    {
        var sticky = 0;
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            if (HasSticky(edits.LaidOut(question, station), station.Upstreams.Count))
            {
                sticky++;
            }
        }

        return sticky > 1;
    }

    public RoutingQuestion Undo(RoutingQuestion question, QuestionEdits edits)
    {
        var first = true;
        return edits.EditStates(question, (station, state) =>
        {
            if (!HasSticky(state, station.Upstreams.Count))
            {
                return null;
            }

            if (first)
            {
                first = false;
                return null;
            }

            return QuestionEdits.WithoutSticky(state);
        });
    }

    private static bool HasSticky(LoadBalancing.LbState state, int upstreams) =>
        state.LastGoodIndex is { } sticky && sticky < upstreams;
}
