using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Testing.Generators;

/// <summary>
/// Draws a recorded state field by field, with no regard for how production could reach it:
/// cooldowns on upstreams below the failure threshold, sticky indices past the end, layouts
/// that never were.
/// </summary>
internal static class FreeFormStateDraw
{
    public static ScenarioState? State(SplitMix64 rng, Station station)
    {
        if (rng.Chance(25))
        {
            return null;
        }

        var layout = rng.Chance(25) ? WorldDraw.OlderLayout(rng, station) : null;
        var n = (layout ?? station.Upstreams).Count;
        var counts = rng.Chance(70) ? Fill(n, _ => FailureCount(rng)) : null;
        return new ScenarioState(
            counts,
            rng.Chance(50) ? Fill(n, i => CooldownRemainingMs(rng, counts?[i] ?? 0)) : null,
            rng.Chance(60) ? Fill(n, _ => rng.Chance(40)) : null,
            rng.Chance(50) ? Fill(n, _ => (uint)rng.Below(4)) : null,
            rng.Chance(60) ? rng.Below(n + 1) : null, // n itself: past the end, allowed and never matching
            layout);
    }

    private static uint FailureCount(SplitMix64 rng) => rng.Below(10) switch
    {
        < 5 => 0,
        < 7 => 1 + (uint)rng.Below(2),
        < 9 => LoadBalancerConstants.FailureThreshold,
        _ => LoadBalancerConstants.FailureThreshold + 1 + (uint)rng.Below(2),
    };

    /// <summary>
    /// None, running, or already over (<c>&lt;= 0</c>). A cooldown runs mostly where the count
    /// reached the threshold, as in production, and now and then where it did not.
    /// </summary>
    private static long? CooldownRemainingMs(SplitMix64 rng, uint failureCount)
    {
        var running = failureCount >= LoadBalancerConstants.FailureThreshold ? 50 : 8;
        var roll = rng.Below(100);
        return roll < running ? 1_000L * (1 + rng.Below(120))
            : roll < running + 10 ? -1_000L * rng.Below(60)
            : null;
    }

    private static T[] Fill<T>(int n, Func<int, T> draw)
    {
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = draw(i);
        }

        return values;
    }
}
