using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.Generators;

/// <summary>
/// Draws request outcomes and clock steps: a station's <c>events</c>, and the steps of the
/// histories that reachable states are recorded from.
/// </summary>
internal static class EventDraw
{
    private const string Reason = "scenario";

    public static IReadOnlyList<ScenarioEvent> Events(SplitMix64 rng, int upstreams, WorldLimits limits)
    {
        if (limits.EventsPerStation == 0 || rng.Chance(40))
        {
            return [];
        }

        var events = new ScenarioEvent[1 + rng.Below(limits.EventsPerStation)];
        for (var k = 0; k < events.Length; k++)
        {
            events[k] = Event(rng, upstreams);
        }

        return events;
    }

    /// <summary>One outcome on a station of <paramref name="upstreams"/> upstreams (only clock steps when it has none).</summary>
    public static ScenarioEvent Event(SplitMix64 rng, int upstreams)
    {
        var roll = upstreams == 0 ? 99 : rng.Below(100);
        return roll switch
        {
            < 25 => new RecordEvent(rng.Below(upstreams), Success: true, LoadBalancerConstants.CooldownSecs, CooldownBackoff.None),
            < 60 => new RecordEvent(rng.Below(upstreams), Success: false, rng.Pick(Alphabet.CooldownSecs), rng.Pick(Alphabet.Backoffs)),
            < 80 => new PenalizeEvent(rng.Below(upstreams), rng.Pick(Alphabet.CooldownSecs), Reason, rng.Pick(Alphabet.Backoffs)),
            _ => new AdvanceEvent(rng.Pick(Alphabet.AdvanceMs)),
        };
    }
}
