using CsvHelper;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// <c>summary.csv</c>: one row per divergence class, per mismatch signature and per rebuild problem,
/// each with its count, first and last time seen (UTC) and up to three example requests.
/// </summary>
internal static class SummaryCsv
{
    public static void Write(TextWriter output, ReplayStatistics statistics)
    {
        using var csv = CsvWriter.Create(output, options: null, leaveOpen: true);
        csv.WriteHeader(["kind", "name", "count", "first_seen", "last_seen", "examples", "fixture"]);
        foreach (var (divergence, tally) in statistics.Classes)
        {
            Row(csv, "class", divergence.WireName(), tally, null);
        }

        foreach (var signature in statistics.Signatures)
        {
            Row(csv, "signature", signature.Signature, signature.Tally, signature.Fixture);
        }

        foreach (var (problem, tally) in statistics.Problems)
        {
            Row(csv, "unrebuildable", problem.WireName(), tally, null);
        }

        csv.Flush();
    }

    private static void Row(CsvWriter csv, string kind, string name, Tally tally, string? fixture) => csv.WriteRecord(
    [
        kind, name, tally.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Formats.Time(tally.FirstSeenMs),
        Formats.Time(tally.LastSeenMs), string.Join(" ", tally.Examples), fixture ?? "",
    ]);
}
