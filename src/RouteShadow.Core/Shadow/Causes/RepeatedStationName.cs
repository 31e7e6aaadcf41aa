using RouteShadow.Core.Engines;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// D10: the same station name twice in one request. Legacy walks each occurrence afresh; the
/// executor's avoid set is keyed by name, so the second finds the first's avoidance. Undone by
/// renaming the repeats, each keeping a copy of the shared state.
/// </summary>
internal sealed class RepeatedStationName : IDivergenceCause
{
    public DivergenceClass Class => DivergenceClass.RepeatedStationName;

    /// <remarks>A linear scan: a request names a handful of stations.</remarks>
    public bool IsPresent(RoutingQuestion question, QuestionEdits edits)
    {
        for (var s = 1; s < question.Stations.Count; s++)
        {
            for (var earlier = 0; earlier < s; earlier++)
            {
                if (string.Equals(question.Stations[earlier].Name, question.Stations[s].Name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public RoutingQuestion Undo(RoutingQuestion question, QuestionEdits edits)
    {
        var names = new HashSet<string>(question.Stations.Select(s => s.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var renamed = new List<Station>(question.Stations.Count);
        foreach (var station in question.Stations)
        {
            if (seen.Add(station.Name))
            {
                renamed.Add(station);
                continue;
            }

            var name = station.Name + "~";
            while (!names.Add(name))
            {
                name += "~";
            }

            renamed.Add(station.WithName(name));
        }

        return edits.ReplaceStations(question, renamed);
    }
}
