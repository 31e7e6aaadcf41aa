using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Reports;

namespace RouteShadow.Traces.Triage;

/// <summary>What <c>report.md</c> of a triage says: the counts, the groups largest first, how each was re-run, the damaged lines.</summary>
internal static class TriageReport
{
    /// <summary>How many groups get their two attempt lists shown.</summary>
    private const int DetailedGroups = 10;

    public static string Render(TriageGroups groups, TriageSummary summary, MalformedLines malformed, IReadOnlyList<string> inputs)
    {
        var doc = new ReportDocument().Heading(1, "RouteShadow triage");
        doc.Paragraph("Inputs: " + string.Join(", ", inputs.Select(i => $"`{i}`")) + ".");
        doc.Heading(2, "Summary").Table(["", ""],
        [
            ["`route_executor_shadow_mismatch` events", Formats.Count(summary.Events)],
            ["malformed lines (skipped)", Formats.Count(summary.MalformedLines)],
            ["groups (distinct signatures)", Formats.Count(summary.Groups)],
            ["… reproduced by the C# engines", Formats.Count(summary.Reproduced)],
            ["… model gaps (not reproduced: a finding about the harness)", Formats.Count(summary.ModelGap)],
            ["events past the group cap (counted, not grouped)", Formats.Count(summary.Ungrouped)],
        ]);

        doc.Heading(2, "Classes").Table(["class", "events"],
            summary.Classes.Select(c => (IReadOnlyList<Cell>)[new Cell(c.Class, Code: true), Formats.Count(c.Events)]));

        var ordered = groups.Ordered;
        doc.Heading(2, "Groups").Table(["group", "events", "verdict", "classes", "first seen", "last seen", "scenario"],
            ordered.Select(g => (IReadOnlyList<Cell>)
            [
                new Cell(g.Id, Code: true), Formats.Count(g.Count), Verdict(g), Classes(g), Formats.Time(g.FirstSeenMs), Formats.Time(g.LastSeenMs),
                new Cell(TriageOutputs.ScenarioPath(g), Code: true),
            ]));

        foreach (var group in ordered.Take(DetailedGroups))
        {
            doc.Heading(3, $"{group.Id}: {Formats.Count(group.Count)} events, {Verdict(group)}");
            doc.Paragraph($"Signature `{group.Signature}`. Re-run: {group.Reproduction.Note}. Model `{group.Sample.Model ?? "none"}`.");
            var (legacy, executor) = (group.Sample.LegacyAttempts, group.Sample.ExecutorAttempts);
            doc.Table(["#", "legacy", "executor"], Enumerable.Range(0, Math.Max(legacy.Count, executor.Count)).Select(i => (IReadOnlyList<Cell>)
            [
                i.ToString(System.Globalization.CultureInfo.InvariantCulture), Attempt(legacy, i), Attempt(executor, i),
            ]));
            doc.Paragraph("Seen at " + string.Join(", ", group.Exemplars.Select(e => $"`{e.TraceId ?? "-"}` ({Path.GetFileName(e.File)}:{e.Line})")) + ".");
        }

        ReportContent.Malformed(doc, malformed);
        return MarkdownReport.Render(doc);
    }

    public static string Verdict(TriageGroup group) => group.Reproduction.Verdict.WireName();

    public static string Classes(TriageGroup group) =>
        group.Reproduction.Verdict == TriageVerdict.Reproduced ? string.Join(", ", group.Reproduction.Classes.Select(c => c.WireName())) : "";

    private static Cell Attempt(IReadOnlyList<ShadowAttempt> attempts, int i) =>
        i < attempts.Count ? new Cell(Formats.Attempt(attempts[i]), Code: true) : "";
}
