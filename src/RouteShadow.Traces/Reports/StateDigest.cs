using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// A short fingerprint of the state a question plans from — each station's name and laid-out
/// vectors, with cooldowns relative to the question's clock — so two mismatches from the same
/// state show the same digest (FNV-1a over the values, 64 bits, hex).
/// </summary>
internal static class StateDigest
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static string Of(RoutingQuestion question)
    {
        var hash = Offset;
        foreach (var station in question.Stations)
        {
            foreach (var c in station.Name)
            {
                hash = Mix(hash, c);
            }

            if (!question.States.TryGet(station.Name, out var stored))
            {
                hash = Mix(hash, ulong.MaxValue);
                continue;
            }

            var state = LbState.ReadLaidOut(stored, station.Signature);
            for (var i = 0; i < state.FailureCounts.Length; i++)
            {
                hash = Mix(hash, state.FailureCounts[i]);
                hash = Mix(hash, state.CooldownUntil[i] is { } until ? (ulong)(until - question.NowMs) : ulong.MaxValue - 1);
                hash = Mix(hash, state.UsageExhausted[i] ? 1UL : 0UL);
                hash = Mix(hash, state.PenaltyStreak[i]);
            }

            hash = Mix(hash, state.LastGoodIndex is { } sticky ? (ulong)sticky : ulong.MaxValue - 2);
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (var shift = 0; shift < 64; shift += 8)
        {
            hash = (hash ^ ((value >> shift) & 0xff)) * Prime;
        }

        return hash;
    }
}
