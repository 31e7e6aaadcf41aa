using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;
using RouteShadow.Traces.Config;

namespace RouteShadow.Traces.Timeline;

/// <summary>
/// The load-balancer state production had, rebuilt by applying recorded outcomes in time order
/// with Core's <see cref="LoadBalancer"/> (so layout migration, threshold cooldowns and backoff
/// are the real rules). One state map per service, as each codex-helper service keeps its own.
/// Where the log cannot tell what happened to an upstream, that upstream's state is marked
/// unknown until a success resets it; a station whose state is unknown cannot be replayed.
/// </summary>
internal sealed class StateTimeline
{
    private readonly Dictionary<string, LbStateMap> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string Station), Unknowns> _unknown = [];

    /// <summary>A process restart: every state is wiped, as codex-helper keeps none across restarts.</summary>
    public void Restart()
    {
        _states.Clear();
        _unknown.Clear();
    }

    public LbStateMap StatesOf(string service)
    {
        if (!_states.TryGetValue(service, out var map))
        {
            map = new LbStateMap();
            _states.Add(service, map);
        }

        return map;
    }

    /// <summary>The question both engines answer for a request: its plan over the current state, at its start.</summary>
    public RoutingQuestion Question(string service, StationPlan plan, string? model, long nowMs) =>
        new(service, plan.Stations, StatesOf(service), model, nowMs);

    /// <summary>Why a plan's state is not known, or null when it is.</summary>
    public string? UnknownIn(string service, StationPlan plan)
    {
        foreach (var station in plan.Stations)
        {
            if (_unknown.TryGetValue((service, station.Name), out var unknowns) && unknowns.Affects(station))
            {
                return $"state of station '{station.Name}' is unknown since {unknowns.Since}";
            }
        }

        return null;
    }

    /// <summary>Applies one recorded outcome at its own time.</summary>
    public void Apply(string service, StationPlan plan, Outcome outcome)
    {
        if (plan.Find(outcome.Target.Station) is not { } station)
        {
            return;
        }

        var balancer = new LoadBalancer(station, StatesOf(service));
        var index = outcome.Target.Index;
        if (plan.Routing.Mode == RoutingMode.RouteGraph)
        {
            // The route-graph health store really resets an expired cooldown (the legacy state keeps
            // it until a success); a strict selection's expiry pass is exactly that reset.
            balancer.SelectAvoiding(new IndexSet(), outcome.AtMs, strict: true);
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                balancer.RecordResult(index, success: true, LoadBalancerConstants.CooldownSecs, outcome.Backoff, outcome.AtMs);
                ForgetUnknown(service, station, index);
                break;
            case OutcomeKind.Failure:
                balancer.RecordResult(index, success: false, LoadBalancerConstants.CooldownSecs, outcome.Backoff, outcome.AtMs);
                break;
            case OutcomeKind.Penalty:
                balancer.Penalize(index, outcome.CooldownSecs, outcome.Backoff, outcome.AtMs);
                break;
            case OutcomeKind.Ambiguous:
                MarkUnknown(service, station, index, outcome.AtMs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, null);
        }
    }

    /// <summary>Marks every upstream of a station unknown (an attempt the plan could not place).</summary>
    public void MarkStationUnknown(string service, Station station, long atMs)
    {
        for (var i = 0; i < station.Upstreams.Count; i++)
        {
            MarkUnknown(service, station, i, atMs);
        }
    }

    private void MarkUnknown(string service, Station station, int index, long atMs)
    {
        if (!_unknown.TryGetValue((service, station.Name), out var unknowns))
        {
            unknowns = new Unknowns(DateTimeOffset.FromUnixTimeMilliseconds(atMs).ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            _unknown.Add((service, station.Name), unknowns);
        }

        // Keyed by layout key, not index: filtering can move an upstream to another index.
        unknowns.Keys.Add(station.Signature.Keys[index]);
        unknowns.Sticky = true;
    }

    private void ForgetUnknown(string service, Station station, int index)
    {
        if (_unknown.TryGetValue((service, station.Name), out var unknowns))
        {
            // A success fixes the upstream's vectors and makes it the sticky one: both are known again.
            unknowns.Keys.Remove(station.Signature.Keys[index]);
            unknowns.Sticky = false;
            if (unknowns.Keys.Count == 0)
            {
                _unknown.Remove((service, station.Name));
            }
        }
    }

    /// <summary>The upstreams of a station whose state is unknown, and whether its sticky upstream is.</summary>
    private sealed class Unknowns(string since)
    {
        public string Since { get; } = since;

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public bool Sticky { get; set; }

        public bool Affects(Station station) => Sticky || station.Signature.Keys.Any(Keys.Contains);
    }
}
