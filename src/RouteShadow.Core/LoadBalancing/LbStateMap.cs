namespace RouteShadow.Core.LoadBalancing;

/// <summary>
/// The proxy's shared map of load-balancer states, station name → <see cref="LbState"/>. A
/// station with no entry has never been touched; any operation on it starts from a fresh state.
/// </summary>
/// <remarks>
/// A question holds a handful of stations and is built for every scenario: a list scanned by name
/// (usually the same string instance) is smaller and quicker here than a hashed dictionary.
/// Entries keep the order they were first set in.
/// </remarks>
public sealed class LbStateMap
{
    private readonly List<(string StationName, LbState State)> _states;

    public LbStateMap()
        : this([])
    {
    }

    /// <param name="capacity">The number of stations expected, so that filling the map never regrows it.</param>
    public LbStateMap(int capacity)
        : this(new List<(string StationName, LbState State)>(capacity))
    {
    }

    private LbStateMap(List<(string StationName, LbState State)> states) => _states = states;

    public int Count => _states.Count;

    public IEnumerable<string> StationNames => _states.Select(entry => entry.StationName);

    public bool TryGet(string stationName, out LbState state)
    {
        var at = IndexOf(stationName);
        state = at >= 0 ? _states[at].State : null!;
        return at >= 0;
    }

    /// <summary>The station's state, creating a fresh (empty) one when it has none.</summary>
    public LbState GetOrCreate(string stationName)
    {
        if (!TryGet(stationName, out var state))
        {
            state = new LbState();
            _states.Add((stationName, state));
        }

        return state;
    }

    public void Set(string stationName, LbState state)
    {
        var at = IndexOf(stationName);
        if (at >= 0)
        {
            _states[at] = (stationName, state);
        }
        else
        {
            _states.Add((stationName, state));
        }
    }

    /// <summary>A deep copy: nothing done to it reaches this map.</summary>
    public LbStateMap Clone()
    {
        var copy = new List<(string StationName, LbState State)>(_states.Count);
        for (var i = 0; i < _states.Count; i++)
        {
            copy.Add((_states[i].StationName, _states[i].State.Clone()));
        }

        return new LbStateMap(copy);
    }

    /// <summary>A new map sharing this one's state objects: for callers that replace entries rather than change them.</summary>
    internal LbStateMap ShallowCopy() => new([.. _states]);

    /// <summary>Moves every station's cooldown deadlines <paramref name="ms"/> earlier (the scenario clock advancing).</summary>
    internal void ShiftCooldowns(long ms)
    {
        for (var i = 0; i < _states.Count; i++)
        {
            _states[i].State.ShiftCooldowns(ms);
        }
    }

    private int IndexOf(string stationName)
    {
        for (var i = 0; i < _states.Count; i++)
        {
            if (string.Equals(_states[i].StationName, stationName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
