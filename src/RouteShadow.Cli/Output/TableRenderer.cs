using System.Globalization;
using System.Text;
using RouteShadow.Cli.Input;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Cli.Output;

/// <summary>
/// Renders a check result for a person: the verdict and name, the divergence classes, both attempt
/// lists side by side with the first divergent row (<c>&gt;</c>) and differing cells (<c>*</c>)
/// marked, then the differing fields. A pure function of the result: without colour it is plain,
/// deterministic text.
/// </summary>
internal static class TableRenderer
{
    private static readonly Cell[] Header = ["#", "decision", "upstream", "avoid", "avoided", "total"];

    private static readonly Cell[] NoAttempt = ["", "", "", "", "", ""];

    public static string Render(CheckResult result, bool color)
    {
        var palette = new Palette(color);
        var text = new StringBuilder();
        var name = result.Scenario.Name.Length > 0 ? result.Scenario.Name : "(unnamed)";
        text.Append(palette.Verdict(result.Verdict)).Append("  ").Append(name).Append('\n');

        var comparison = result.Comparison;
        if (comparison.Error is { } error)
        {
            text.Append("  engine error: ").Append(error).Append('\n');
        }
        else
        {
            if (comparison.Classes.Count > 0)
            {
                text.Append("  classes: ").AppendJoin(", ", comparison.Classes.Select(c => c.WireName())).Append('\n');
            }

            AppendAttempts(text, comparison.Report, comparison.Diff, palette);
            AppendDivergence(text, comparison.Report, comparison.Diff);
        }

        foreach (var failure in result.ExpectationFailures)
        {
            text.Append("  expectation failed: ").Append(failure).Append('\n');
        }

        return text.ToString();
    }

    public static string Render(InputError error, bool color) => $"{new Palette(color).Error("malformed")}  {error}\n";

    private static void AppendAttempts(StringBuilder text, ShadowReport report, AttemptDiff diff, Palette palette)
    {
        var grid = new TextGrid();
        // The gutter is never empty, so every table lines up whether or not a row is marked.
        grid.Add([" ", "", "legacy", "", "", "", "", "|", "", "executor"]);
        grid.Add([" ", .. Header, "|", .. Header]);
        var rows = Math.Max(report.LegacyAttempts.Count, report.ExecutorAttempts.Count);
        for (var i = 0; i < rows; i++)
        {
            var differing = diff.Fields.Where(f => f.Position == i).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
            Cell gutter = i == diff.FirstDivergence ? ">" : " ";
            grid.Add([gutter, .. Side(report.LegacyAttempts, i, differing), "|", .. Side(report.ExecutorAttempts, i, differing)]);
        }

        grid.WriteTo(text, "  ", palette);
    }

    private static Cell[] Side(IReadOnlyList<ShadowAttempt> attempts, int i, HashSet<string> differing)
    {
        if (i >= attempts.Count)
        {
            return NoAttempt;
        }

        var attempt = attempts[i];
        return
        [
            Number(i),
            new(AttemptFields.Wire(attempt.Decision), differing.Contains("decision")),
            new(attempt.UpstreamRef, differing.Contains("station_name") || differing.Contains("upstream_index")),
            new($"[{string.Join(',', attempt.AvoidForStation)}]", differing.Contains("avoid_for_station")),
            new(Number(attempt.AvoidedTotal), differing.Contains("avoided_total")),
            new(Number(attempt.TotalUpstreams), differing.Contains("total_upstreams")),
        ];
    }

    /// <summary>Every field that differs at the first divergence (the table shows only some), and the one-sided upstreams.</summary>
    private static void AppendDivergence(StringBuilder text, ShadowReport report, AttemptDiff diff)
    {
        if (diff.FirstDivergence is not { } at)
        {
            return;
        }

        var fields = diff.Fields.Where(f => f.Position == at).ToList();
        text.Append("  first divergence at #").Append(at);
        if (fields.Count == 0)
        {
            text.Append(": only ").Append(report.LegacyAttempts.Count > at ? "legacy" : "executor").Append(" has an attempt there");
        }

        text.Append('\n');
        var grid = new TextGrid();
        foreach (var field in fields)
        {
            grid.Add(field.Field, "legacy " + field.Legacy, "executor " + field.Executor);
        }

        if (fields.Count > 0)
        {
            grid.WriteTo(text, "    ");
        }

        AppendRefs(text, "only in legacy", diff.OnlyInLegacy);
        AppendRefs(text, "only in executor", diff.OnlyInExecutor);
    }

    private static void AppendRefs(StringBuilder text, string label, IReadOnlyList<ShadowAttempt> attempts)
    {
        if (attempts.Count > 0)
        {
            text.Append("  ").Append(label).Append(": ").AppendJoin(", ", attempts.Select(a => a.UpstreamRef)).Append('\n');
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
