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

    public bool IsPresent(RoutingQuestion question)
    {
        return Colliding(question).Count > 0;
    }

    public RoutingQuestion Undo(RoutingQuestion question)
    {
        var colliding = Colliding(question);
        return QuestionEdits.Relabel(question, (station, index) => colliding.Contains((station, index)));
    }

    /// <summary>
    /// (station position, upstream index) of every upstream whose key an earlier upstream already
    /// has: one of an earlier station (across), or one earlier in the same station (within).
    /// </summary>
    /// <remarks>Linear scans: a question has tens of upstreams, and sets would cost more than they save.</remarks>
    private List<(int Station, int Index)> Colliding(RoutingQuestion question)
    {
        var earlier = new List<(int Station, (string, string) Key)>(question.TotalUpstreams);
        var colliding = new List<(int, int)>();
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            for (var i = 0; i < station.Upstreams.Count; i++)
            {
                var key = QuestionEdits.KeyOf(station, i);
                if (Collides(earlier, s, key))
                {
                    colliding.Add((s, i));
                }

                earlier.Add((s, key));
            }
        }

        return colliding;
    }

    /// <summary>Whether an earlier upstream of another station (across) or of station <paramref name="station"/> (within) has <paramref name="key"/>.</summary>
    private bool Collides(List<(int Station, (string, string) Key)> earlier, int station, (string, string) key)
    {
        foreach (var other in earlier)
        {
            if ((other.Station != station) == _acrossStations && other.Key == key)
            {
                return true;
            }
        }

        return false;
    }
}
