using System.Globalization;
using System.Text;
using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// A short fingerprint of the state a question plans from — each station's laid-out vectors with
/// cooldowns relative to the question's clock — so two mismatches from the same state show the
/// same digest (FNV-1a, 64 bits, hex).
/// </summary>
internal static class StateDigest
{
    public static string Of(RoutingQuestion question)
    {
        var text = new StringBuilder();
        foreach (var station in question.Stations)
        {
            text.Append(station.Name).Append('|');
            if (!question.States.TryGet(station.Name, out var stored))
            {
                text.Append("fresh;");
                continue;
            }

            var state = LbState.ReadLaidOut(stored, station.Signature);
            for (var i = 0; i < state.FailureCounts.Length; i++)
            {
                var cooldown = state.CooldownUntil[i] is { } until ? (until - question.NowMs).ToString(CultureInfo.InvariantCulture) : "-";
                text.Append(CultureInfo.InvariantCulture, $"{state.FailureCounts[i]},{cooldown},{(state.UsageExhausted[i] ? 1 : 0)},{state.PenaltyStreak[i]};");
            }

            text.Append(CultureInfo.InvariantCulture, $"lg={state.LastGoodIndex?.ToString(CultureInfo.InvariantCulture) ?? "-"};");
        }

        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
