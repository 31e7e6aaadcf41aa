using System.Globalization;
using System.Text;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Traces.Replay;

/// <summary>
/// What makes two mismatches "the same". Names, URLs, ids and times are left out, so a signature
/// groups a kind of mismatch, not a request. A replay, which classifies every request, signs a
/// mismatch by its divergence classes, where the attempt lists first part, which fields differ
/// there and how long each list is; one fixture is exported per signature. Triage signs
/// production's mismatch events before anything is classified, so it signs their whole shape.
/// </summary>
public static class MismatchSignature
{
    public static string Of(ShadowComparison comparison)
    {
        var classes = string.Join("+", comparison.Classes.Select(c => c.WireName()).Order(StringComparer.Ordinal));
        return string.Create(CultureInfo.InvariantCulture,
            $"{classes} {Divergence(comparison.Diff)} {comparison.Report.LegacyAttempts.Count}/{comparison.Report.ExecutorAttempts.Count}");
    }

    /// <summary>
    /// The shape of a disagreement: where the lists part and which fields differ there, then each
    /// list as <c>station#index</c> steps (<c>~</c> marks a model skip) with stations numbered in the
    /// order they first appear — <c>@1 [upstream_index,…] L[s0#0 s1#1 s1#0] E[s0#0 s1#0 s1#1]</c>.
    /// </summary>
    public static string OfShape(IReadOnlyList<ShadowAttempt> legacy, IReadOnlyList<ShadowAttempt> executor)
    {
        var stations = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = new StringBuilder(Divergence(AttemptDiff.Between(legacy, executor)));
        Steps(text.Append(" L["), legacy, stations).Append(']');
        Steps(text.Append(" E["), executor, stations).Append(']');
        return text.ToString();
    }

    /// <summary><c>@position [fields]</c>, or <c>[length]</c> when one list is a prefix of the other.</summary>
    private static string Divergence(AttemptDiff diff)
    {
        var at = diff.FirstDivergence ?? 0;
        var fields = string.Join(",", diff.Fields.Where(f => f.Position == at).Select(f => f.Field));
        return string.Create(CultureInfo.InvariantCulture, $"@{at} [{(fields.Length == 0 ? "length" : fields)}]");
    }

    private static StringBuilder Steps(StringBuilder text, IReadOnlyList<ShadowAttempt> attempts, Dictionary<string, int> stations)
    {
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            if (!stations.TryGetValue(attempt.StationName, out var number))
            {
                stations[attempt.StationName] = number = stations.Count;
            }

            text.Append(i == 0 ? "" : " ").Append(CultureInfo.InvariantCulture, $"s{number}#{attempt.UpstreamIndex}");
            if (attempt.Decision == AttemptDecision.SkippedCapabilityMismatch)
            {
                text.Append('~');
            }
        }

        return text;
    }
}
