using System.Globalization;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Traces.Replay;

/// <summary>
/// What makes two mismatches "the same": their divergence classes, where the attempt lists first
/// part, which fields differ there, and how long each list is. One fixture is exported per
/// signature. Names and URLs are left out, so a signature groups a kind of mismatch, not a request.
/// </summary>
public static class MismatchSignature
{
    public static string Of(ShadowComparison comparison)
    {
        var classes = string.Join("+", comparison.Classes.Select(c => c.WireName()).Order(StringComparer.Ordinal));
        var at = comparison.Diff.FirstDivergence ?? 0;
        var fields = string.Join(",", comparison.Diff.Fields.Where(f => f.Position == at).Select(f => f.Field));
        return string.Create(CultureInfo.InvariantCulture,
            $"{classes} @{at} [{(fields.Length == 0 ? "length" : fields)}] {comparison.Report.LegacyAttempts.Count}/{comparison.Report.ExecutorAttempts.Count}");
    }
}
