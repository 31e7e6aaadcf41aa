using System.Globalization;
using System.Text;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Triage;

namespace RouteShadow.Cli.Output;

/// <summary>A triage for a person: the counts, then one row per group, largest first.</summary>
internal static class TriageSummaryText
{
    public static string Table(TriageSummary summary, IReadOnlyList<TriageGroup> groups)
    {
        var text = new StringBuilder("triage: ").Append(Line(summary)).Append('\n');
        if (groups.Count == 0)
        {
            return text.ToString();
        }

        var grid = new TextGrid();
        grid.Add("group", "events", "verdict", "classes", "scenario");
        foreach (var group in groups)
        {
            grid.Add(
                group.Id,
                group.Count.ToString("N0", CultureInfo.InvariantCulture),
                group.Reproduction.Verdict.WireName(),
                group.Reproduction.Verdict == TriageVerdict.Reproduced ? string.Join("+", group.Reproduction.Classes.Select(c => c.WireName())) : "-",
                TriageOutputs.ScenarioPath(group));
        }

        grid.WriteTo(text, "  ");
        return text.ToString();
    }

    /// <summary>The counts on one line, as the follow prints them every interval.</summary>
    public static string Line(TriageSummary summary) => string.Create(CultureInfo.InvariantCulture,
        $"{summary.Events:N0} mismatch events, {summary.Groups:N0} groups ({summary.Reproduced:N0} reproduced, {summary.ModelGap:N0} model gaps), {summary.MalformedLines:N0} malformed lines")
        + (summary.Classes.Count == 0 ? "" : "; " + string.Join(", ", summary.Classes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Class} {c.Events:N0}"))));
}
