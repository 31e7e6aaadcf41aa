namespace RouteShadow.Core.LoadBalancing;

/// <summary>
/// How a cooldown grows with an upstream's penalty streak: multiplied by <see cref="Factor"/>
/// per streak step, capped at <see cref="MaxSecs"/> (never below the base; 0 means "no growth").
/// </summary>
public readonly record struct CooldownBackoff(ulong Factor, ulong MaxSecs)
{
    /// <summary>No backoff: the base cooldown every time.</summary>
    public static CooldownBackoff None { get; } = new(1, 0);

    /// <summary>The cooldown, in seconds, for a base and the upstream's current penalty streak.</summary>
    public ulong EffectiveCooldownSecs(ulong baseSecs, uint streak)
    {
        if (baseSecs == 0)
        {
            return 0;
        }

        if (Factor <= 1)
        {
            return baseSecs;
        }

        var cap = MaxSecs == 0 ? baseSecs : Math.Max(MaxSecs, baseSecs);
        var secs = baseSecs;
        var steps = Math.Min(streak, 64u);
        for (var i = 0; i < steps; i++)
        {
            secs = SaturatingMultiply(secs, Factor);
            if (secs >= cap)
            {
                return cap;
            }
        }

        return Math.Min(secs, cap);
    }

    private static ulong SaturatingMultiply(ulong a, ulong b) =>
        a != 0 && b > ulong.MaxValue / a ? ulong.MaxValue : a * b;
}
