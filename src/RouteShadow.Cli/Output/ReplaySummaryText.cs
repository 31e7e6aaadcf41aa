using System.Globalization;
using System.Text;
using RouteShadow.Traces.Reports;

namespace RouteShadow.Cli.Output;

/// <summary>A replay's summary for a person: the counts, then the divergence classes.</summary>
internal static class ReplaySummaryText
{
    public static string Table(ReplaySummary summary)
    {
        var rows = new List<(string Label, long Count)>
        {
            ("requests", summary.Requests),
            ("malformed lines", summary.MalformedLines),
            ("replayed", summary.Replayed),
            ("unrebuildable", summary.Unrebuildable),
            ("mismatches", summary.Mismatches),
        };
        rows.AddRange(summary.Classes.Select(c => ("  " + c.Key, c.Value)));
        if (summary.EngineErrors > 0)
        {
            rows.Add(("engine errors", summary.EngineErrors));
        }

        var labelWidth = rows.Max(r => r.Label.Length);
        var countWidth = rows.Max(r => Format(r.Count).Length);
        var text = new StringBuilder("replay:\n");
        foreach (var (label, count) in rows)
        {
            text.Append("  ").Append(label.PadRight(labelWidth)).Append("  ").Append(Format(count).PadLeft(countWidth)).Append('\n');
        }

        return text.ToString();
    }

    private static string Format(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
