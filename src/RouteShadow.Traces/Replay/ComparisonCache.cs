using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Traces.Replay;

/// <summary>
/// Remembers shadow comparisons by what they depend on. Both engines read a station's state only
/// as it stands at the question's instant — each upstream's failure count (0 once its cooldown is
/// over), whether its cooldown is still running, its usage exhaustion, and the sticky index — so
/// two questions with the same stations, model and effective state get the same comparison. In a
/// replay the state rarely changes between requests, so most comparisons, and above all the
/// counterfactual classification of mismatches, are computed once.
/// </summary>
internal sealed class ComparisonCache
{
    private readonly ShadowRunner _runner;

    private const int Capacity = 50_000;

    private readonly Dictionary<string, ShadowComparison> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShadowComparison>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ConditionalWeakTable<Station, StrongBox<int>> _stationIds = [];
    private readonly StringBuilder _key = new();
    private int _nextStationId;

    public ComparisonCache(ShadowRunner runner)
    {
        _runner = runner;
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ShadowComparison Compare(RoutingQuestion question)
    {
        var key = Key(question);
        Span<char> text = key.Length <= 1024 ? stackalloc char[key.Length] : new char[key.Length];
        key.CopyTo(0, text, key.Length);
        if (_lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        var comparison = _runner.Compare(question);
        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }

        _cache.Add(key.ToString(), comparison);
        return comparison;
    }

    /// <summary>The key, built in a reused buffer: a cache hit allocates no string.</summary>
    private StringBuilder Key(RoutingQuestion question)
    {
        var key = _key.Clear().Append(question.Service).Append('\u0001').Append(question.Model ?? "\u0002");
        foreach (var station in question.Stations)
        {
            key.Append('\u0001').Append(StationId(station).ToString(CultureInfo.InvariantCulture)).Append(':');
            if (!question.States.TryGet(station.Name, out var stored))
            {
                continue;
            }

            var state = LbState.ReadLaidOut(stored, station.Signature);
            for (var i = 0; i < state.FailureCounts.Length; i++)
            {
                var cooling = state.CooldownUntil[i] is { } until && question.NowMs < until;
                var expired = state.CooldownUntil[i] is { } end && question.NowMs >= end;
                key.Append(expired ? 0 : state.FailureCounts[i]).Append(cooling ? 'c' : '-').Append(state.UsageExhausted[i] ? 'x' : '-').Append(',');
            }

            key.Append('s').Append(state.LastGoodIndex ?? -1);
        }

        return key;
    }

    /// <summary>Stations are immutable, so a station object stands for its whole configuration.</summary>
    private int StationId(Station station) => _stationIds.GetValue(station, _ => new StrongBox<int>(_nextStationId++)).Value;
}
