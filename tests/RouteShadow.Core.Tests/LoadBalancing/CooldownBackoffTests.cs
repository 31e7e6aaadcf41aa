using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.LoadBalancing;

/// <summary><c>effective_cooldown_secs</c> (engines spec §2.6) and threshold backoff (B1, B2).</summary>
public sealed class CooldownBackoffTests
{
    [Theory] // B1: streak 0..4
    [InlineData(2UL, 2UL, 10UL, new ulong[] { 2, 4, 8, 10, 10 })]
    [InlineData(30UL, 2UL, 0UL, new ulong[] { 30, 30, 30, 30, 30 })]
    [InlineData(30UL, 1UL, 100UL, new ulong[] { 30, 30, 30, 30, 30 })]
    [InlineData(0UL, 2UL, 10UL, new ulong[] { 0, 0, 0, 0, 0 })]
    [InlineData(30UL, 3UL, 10UL, new ulong[] { 30, 30, 30, 30, 30 })]
    [InlineData(5UL, 2UL, 7UL, new ulong[] { 5, 7, 7, 7, 7 })]
    public void EffectiveCooldownSecs_StreakZeroToFour_MatchesVerifiedTable(ulong baseSecs, ulong factor, ulong maxSecs, ulong[] expected)
    {
        var backoff = new CooldownBackoff(factor, maxSecs);

        var actual = Enumerable.Range(0, 5).Select(streak => backoff.EffectiveCooldownSecs(baseSecs, (uint)streak)).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EffectiveCooldownSecs_HugeStreakAndFactor_SaturatesAtCap()
    {
        var backoff = new CooldownBackoff(ulong.MaxValue, ulong.MaxValue);

        Assert.Equal(ulong.MaxValue, backoff.EffectiveCooldownSecs(2, uint.MaxValue));
    }

    [Fact]
    public void RecordResult_FiveFailuresWithBackoff_CountsStreaksAndCooldownsGrow() // B2
    {
        var lb = new LoadBalancer(Some.Station("routing", "https://a/v1", "https://b/v1"), new LbStateMap());
        var backoff = new CooldownBackoff(2, 100);
        var counts = new List<uint>();
        var streaks = new List<uint>();
        var cooldowns = new List<long?>();

        for (var i = 0; i < 5; i++)
        {
            lb.Fail(0, baseSecs: 2, backoff);
            var state = lb.LaidOutState();
            counts.Add(state.FailureCounts[0]);
            streaks.Add(state.PenaltyStreak[0]);
            cooldowns.Add(state.CooldownUntil[0] - Some.Now);
        }

        Assert.Equal([1u, 2u, 3u, 4u, 5u], counts);
        Assert.Equal([0u, 0u, 1u, 2u, 3u], streaks);
        Assert.Equal([null, null, 2_000, 4_000, 8_000], cooldowns);
    }
}
