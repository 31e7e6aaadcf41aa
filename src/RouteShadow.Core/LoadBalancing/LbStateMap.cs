namespace RouteShadow.Core.LoadBalancing;

/// <summary>
/// The proxy's shared map of load-balancer states, station name → <see cref="LbState"/>. A
/// station with no entry has never been touched; any operation on it starts from a fresh state.
/// </summary>
public sealed class LbStateMap
{
    private readonly Dictionary<string, LbState> _states;

    public LbStateMap()
        : this(new Dictionary<string, LbState>(StringComparer.Ordinal))
    {
    }

    private LbStateMap(Dictionary<string, LbState> states) => _states = states;

    public int Count => _states.Count;

    public IEnumerable<string> StationNames => _states.Keys;

    public bool TryGet(string stationName, out LbState state) => _states.TryGetValue(stationName, out state!);

    /// <summary>The station's state, creating a fresh (empty) one when it has none.</summary>
    public LbState GetOrCreate(string stationName)
    {
        if (!_states.TryGetValue(stationName, out var state))
        {
            state = new LbState();
            _states.Add(stationName, state);
        }

        return state;
    }

    public void Set(string stationName, LbState state) => _states[stationName] = state;

    /// <summary>A deep copy: nothing done to it reaches this map.</summary>
    public LbStateMap Clone()
    {
        var copy = new Dictionary<string, LbState>(_states.Count, StringComparer.Ordinal);
        foreach (var (name, state) in _states)
        {
            copy.Add(name, state.Clone());
        }

        return new LbStateMap(copy);
    }

    /// <summary>A new map sharing this one's state objects: for callers that replace entries rather than change them.</summary>
    internal LbStateMap ShallowCopy() => new(new Dictionary<string, LbState>(_states, StringComparer.Ordinal));
}
