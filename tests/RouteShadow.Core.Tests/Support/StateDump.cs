using System.Text;
using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Core.Tests.Support;

/// <summary>A complete text serialisation of a state map, to prove something left it untouched.</summary>
internal static class StateDump
{
    public static string Of(LbStateMap states)
    {
        var text = new StringBuilder();
        foreach (var name in states.StationNames.Order(StringComparer.Ordinal))
        {
            states.TryGet(name, out var s);
            text.Append(name).Append(": sig=[").AppendJoin("; ", s.UpstreamSignature)
                .Append("] counts=[").AppendJoin(",", s.FailureCounts)
                .Append("] cooldown=[").AppendJoin(",", s.CooldownUntil.Select(c => c?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"))
                .Append("] exhausted=[").AppendJoin(",", s.UsageExhausted)
                .Append("] streak=[").AppendJoin(",", s.PenaltyStreak)
                .Append("] last_good=").Append(s.LastGoodIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")
                .Append('\n');
        }

        return text.ToString();
    }
}
