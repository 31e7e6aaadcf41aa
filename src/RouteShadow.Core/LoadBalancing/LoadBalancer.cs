using RouteShadow.Core.World;

namespace RouteShadow.Core.LoadBalancing;

/// <summary>
/// codex-helper's legacy load balancer for one station over a shared <see cref="LbStateMap"/>.
/// Every operation first lays the station's state out for the current upstream list.
/// <c>nowMs</c> arguments are the comparison's single clock reading.
/// </summary>
public sealed class LoadBalancer(Station station, LbStateMap states)
{
    public Station Station { get; } = station;

    /// <summary>
    /// Picks an upstream not in <paramref name="avoid"/>: the sticky last-good one, else the first
    /// healthy non-exhausted one, else the first healthy one. Strict selection stops there;
    /// non-strict falls back to the first non-avoided index, or 0. Expired cooldowns are cleared
    /// (with their failure counts) as a side effect.
    /// </summary>
    public int? SelectAvoiding(IndexSet avoid, long nowMs, bool strict)
    {
        if (Station.Upstreams.Count == 0)
        {
            return null;
        }

        var state = LaidOutState();
        ExpireCooldowns(state, nowMs);
        return Select(state, Station.Upstreams.Count, avoid, nowMs, strict);
    }

    /// <summary>
    /// The selection rule on a laid-out state, without writing to it: a cooldown that is over
    /// reads as a cleared one (the expiry pass is idempotent at one instant, so the outcome is the same).
    /// </summary>
    public static int? Select(LbState state, int upstreamCount, IndexSet avoid, long nowMs, bool strict)
    {
        var n = upstreamCount;
        if (n == 0)
        {
            return null;
        }

        var exhausted = state.UsageExhausted;
        if (state.LastGoodIndex is { } sticky && sticky < n
            && Healthy(state, sticky, nowMs) && !exhausted[sticky] && !avoid.Contains(sticky))
        {
            return sticky;
        }

        for (var i = 0; i < n; i++)
        {
            if (!avoid.Contains(i) && Healthy(state, i, nowMs) && !exhausted[i])
            {
                return i;
            }
        }

        // Second round: usage exhaustion no longer excludes an upstream.
        for (var i = 0; i < n; i++)
        {
            if (!avoid.Contains(i) && Healthy(state, i, nowMs))
            {
                return i;
            }
        }

        if (strict)
        {
            return null;
        }

        for (var i = 0; i < n; i++)
        {
            if (!avoid.Contains(i))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>
    /// Records a request outcome. A success clears the upstream's failures and makes it sticky; a
    /// failure that reaches the threshold starts (or extends, never shortens) a backoff cooldown.
    /// </summary>
    public void RecordResult(int index, bool success, ulong baseCooldownSecs, CooldownBackoff backoff, long nowMs)
    {
        var state = LaidOutState();
        if ((uint)index >= (uint)Station.Upstreams.Count)
        {
            return;
        }

        if (success)
        {
            state.FailureCounts[index] = 0;
            state.CooldownUntil[index] = null;
            state.PenaltyStreak[index] = 0;
            state.LastGoodIndex = index;
            return;
        }

        var count = SaturatingIncrement(state.FailureCounts[index]);
        state.FailureCounts[index] = count;
        if (count < LoadBalancerConstants.FailureThreshold)
        {
            return;
        }

        var baseSecs = baseCooldownSecs != 0 ? baseCooldownSecs : LoadBalancerConstants.CooldownSecs;
        var streak = state.PenaltyStreak[index];
        var until = Deadline(nowMs, backoff.EffectiveCooldownSecs(baseSecs, streak));
        if (state.CooldownUntil[index] is not { } current || until > current)
        {
            state.CooldownUntil[index] = until;
        }

        state.PenaltyStreak[index] = SaturatingIncrement(streak);
        ClearStickyIf(state, index);
    }

    /// <summary>
    /// Opens the upstream's breaker at once with a cooldown that overwrites any existing one
    /// (it can shorten it; 0 seconds means a cooldown that is already over).
    /// </summary>
    public void Penalize(int index, ulong cooldownSecs, CooldownBackoff backoff, long nowMs)
    {
        var state = LaidOutState();
        if ((uint)index >= (uint)Station.Upstreams.Count)
        {
            return;
        }

        var streak = state.PenaltyStreak[index];
        state.FailureCounts[index] = LoadBalancerConstants.FailureThreshold;
        state.CooldownUntil[index] = Deadline(nowMs, backoff.EffectiveCooldownSecs(cooldownSecs, streak));
        state.PenaltyStreak[index] = SaturatingIncrement(streak);
        ClearStickyIf(state, index);
    }

    /// <summary>The station's state, laid out for the current upstreams.</summary>
    public LbState LaidOutState()
    {
        var state = states.GetOrCreate(Station.Name);
        state.EnsureLayout(Station.Signature);
        return state;
    }

    /// <summary>Below the failure threshold once any cooldown that is over has cleared the count.</summary>
    private static bool Healthy(LbState state, int index, long nowMs) =>
        (state.CooldownUntil[index] is { } until && nowMs >= until ? 0 : state.FailureCounts[index])
        < LoadBalancerConstants.FailureThreshold;

    private static void ExpireCooldowns(LbState state, long nowMs)
    {
        var cooldowns = state.CooldownUntil;
        for (var i = 0; i < cooldowns.Length; i++)
        {
            if (cooldowns[i] is { } until && nowMs >= until)
            {
                state.FailureCounts[i] = 0;
                cooldowns[i] = null;
            }
        }
    }

    private static void ClearStickyIf(LbState state, int index)
    {
        if (state.LastGoodIndex == index)
        {
            state.LastGoodIndex = null;
        }
    }

    private static uint SaturatingIncrement(uint value) => value == uint.MaxValue ? value : value + 1;

    /// <summary>now + secs, saturating where codex-helper's <c>Instant</c> arithmetic would panic.</summary>
    private static long Deadline(long nowMs, ulong secs)
    {
        var ms = secs > (ulong)(long.MaxValue / 1000) ? long.MaxValue : (long)secs * 1000;
        return ms > long.MaxValue - nowMs ? long.MaxValue : nowMs + ms;
    }
}
