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
/// production's mismatch events before anything is classified, so it signs their shape.
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
    /// The shape of a disagreement, told apart from the attempts around it (how many come before,
    /// which unrelated upstreams are down): which fields differ where the lists first part, the step
    /// each list takes there, and the upstreams only one list tries. Steps are <c>station#index</c>
    /// with stations numbered in the order they first appear and <c>~</c> marking a model skip —
    /// <c>[upstream_index,…] L s1#1 E s1#0 only-L - only-E s0#1</c>.
    /// </summary>
    public static string OfShape(IReadOnlyList<ShadowAttempt> legacy, IReadOnlyList<ShadowAttempt> executor)
    {
        var diff = AttemptDiff.Between(legacy, executor);
        var at = diff.FirstDivergence ?? 0;
        var stations = Numbered(legacy, executor);

        var fields = string.Join(",", diff.Fields.Where(f => f.Position == at).Select(f => f.Field));
        var text = new StringBuilder("[").Append(fields.Length == 0 ? "length" : fields).Append(']');
        Steps(text.Append(" L "), at < legacy.Count ? [legacy[at]] : [], stations);
        Steps(text.Append(" E "), at < executor.Count ? [executor[at]] : [], stations);
        Steps(text.Append(" only-L "), diff.OnlyInLegacy, stations);
        Steps(text.Append(" only-E "), diff.OnlyInExecutor, stations);
        return text.ToString();
    }

    /// <summary>
    /// Both lists whole, as steps: <c>L s0#1 s0#0 s1#0 E s0#1 s1#0 s1#1</c>. Mismatches with the same
    /// walk are the same question to the engines but for URLs and identities, so triage re-runs one
    /// walk once.
    /// </summary>
    public static string OfWalk(IReadOnlyList<ShadowAttempt> legacy, IReadOnlyList<ShadowAttempt> executor)
    {
        var stations = Numbered(legacy, executor);

        var text = new StringBuilder("L ");
        Steps(text, legacy, stations);
        Steps(text.Append(" E "), executor, stations);
        return text.ToString();
    }

    /// <summary><c>@position [fields]</c>, or <c>[length]</c> when one list is a prefix of the other.</summary>
    private static string Divergence(AttemptDiff diff)
    {
        var at = diff.FirstDivergence ?? 0;
        var fields = string.Join(",", diff.Fields.Where(f => f.Position == at).Select(f => f.Field));
        return string.Create(CultureInfo.InvariantCulture, $"@{at} [{(fields.Length == 0 ? "length" : fields)}]");
    }

    /// <summary>Station names numbered in the order they first appear, legacy list first.</summary>
    private static Dictionary<string, int> Numbered(IReadOnlyList<ShadowAttempt> legacy, IReadOnlyList<ShadowAttempt> executor)
    {
        var stations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var attempt in legacy.Concat(executor))
        {
            stations.TryAdd(attempt.StationName, stations.Count);
        }

        return stations;
    }

    private static void Steps(StringBuilder text, IReadOnlyList<ShadowAttempt> attempts, Dictionary<string, int> stations)
    {
        if (attempts.Count == 0)
        {
            text.Append('-');
        }

        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            text.Append(i == 0 ? "" : " ").Append(CultureInfo.InvariantCulture, $"s{stations[attempt.StationName]}#{attempt.UpstreamIndex}");
            if (attempt.Decision == AttemptDecision.SkippedCapabilityMismatch)
            {
                text.Append('~');
            }
        }
    }
}
