using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// D3 and D4: two upstreams share a provider-endpoint key, so the executor reads one runtime entry
/// for both (last write wins) and its affinity can land on either. <see cref="AcrossStations"/>
/// covers keys shared by different stations, <see cref="WithinStation"/> by one station. Undone by
/// giving the later upstreams fresh endpoint ids, with their load-balancer state carried over.
/// </summary>
internal sealed class KeyCollision : IDivergenceCause
{
    private readonly bool _acrossStations;

    private KeyCollision(bool acrossStations) => _acrossStations = acrossStations;

    public static KeyCollision AcrossStations { get; } = new(acrossStations: true);

    public static KeyCollision WithinStation { get; } = new(acrossStations: false);

    public DivergenceClass Class =>
        _acrossStations ? DivergenceClass.CrossStationKeyCollision : DivergenceClass.InStationKeyCollision;

    public bool IsPresent(RoutingQuestion question, QuestionEdits edits)
    {
        for (var s = 0; s < question.Stations.Count; s++)
        {
            for (var i = 0; i < question.Stations[s].Upstreams.Count; i++)
            {
                if (Collides(question, s, i))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public RoutingQuestion Undo(RoutingQuestion question, QuestionEdits edits) =>
        edits.Relabel(question, (station, index) => Collides(question, station, index));

    /// <summary>
    /// Whether an earlier upstream has the key of upstream <paramref name="index"/> of station
    /// <paramref name="station"/> (a position): one of an earlier station (across), or one earlier
    /// in the same station (within).
    /// </summary>
    /// <remarks>Linear scans: a question has tens of upstreams, and sets would cost more than they save.</remarks>
    private bool Collides(RoutingQuestion question, int station, int index)
    {
        var key = QuestionEdits.KeyOf(question.Stations[station], index);
        for (var s = 0; s <= station; s++)
        {
            if ((s != station) != _acrossStations)
            {
                continue;
            }

            var other = question.Stations[s];
            var earlier = s == station ? index : other.Upstreams.Count;
            for (var i = 0; i < earlier; i++)
            {
                if (QuestionEdits.KeyOf(other, i) == key)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
