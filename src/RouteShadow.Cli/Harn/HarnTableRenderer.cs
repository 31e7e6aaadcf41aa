using System.Globalization;
using System.Text;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios.Harn;

namespace RouteShadow.Cli.Harn;

/// <summary>
/// Renders a harn check result for a person: the verdict and name, each variant's outcome, then
/// both ledgers side by side with the first divergent row marked (<c>&gt;</c>). Plain and
/// deterministic without colour.
/// </summary>
internal static class HarnTableRenderer
{
    private static readonly Cell[] Header = ["#", "link", "status", "ms", "error"];

    private static readonly Cell[] NoAttempt = ["", "", "", "", ""];

    public static string Render(HarnCheckResult result, bool color)
    {
        var palette = new Palette(color);
        var report = result.Report;
        var text = new StringBuilder();
        var name = result.Scenario.Name.Length > 0 ? result.Scenario.Name : "(unnamed)";
        text.Append(palette.Verdict(result.Verdict)).Append("  ").Append(name).Append('\n');
        text.Append("  harn ").Append(report.Control.Name).Append(": ").Append(Outcome(report.ControlRun)).Append('\n');
        text.Append("  harn ").Append(report.Candidate.Name).Append(": ").Append(Outcome(report.CandidateRun)).Append('\n');

        var grid = new TextGrid();
        grid.Add([" ", "", report.Control.Name, "", "", "", "|", "", report.Candidate.Name]);
        grid.Add([" ", .. Header, "|", .. Header]);
        var rows = Math.Max(report.ControlRun.Attempts.Count, report.CandidateRun.Attempts.Count);
        for (var i = 0; i < rows; i++)
        {
            Cell[] control = i < report.ControlRun.Attempts.Count ? Row(report.ControlRun.Attempts[i]) : NoAttempt;
            Cell[] candidate = i < report.CandidateRun.Attempts.Count ? Row(report.CandidateRun.Attempts[i]) : NoAttempt;
            grid.Add([i == report.FirstDivergence ? ">" : " ", .. control, "|", .. candidate]);
        }

        grid.WriteTo(text, "  ", palette);
        foreach (var failure in result.ExpectationFailures)
        {
            text.Append("  expectation failed: ").Append(failure).Append('\n');
        }

        return text.ToString();
    }

    private static string Outcome(HarnRun run) => run.Succeeded
        ? $"succeeded, selected {run.Selected?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {run.ElapsedMs.ToString(CultureInfo.InvariantCulture)} ms"
        : $"failed [{run.Error!.Category.Label()}] {run.Error.Message}, {run.ElapsedMs.ToString(CultureInfo.InvariantCulture)} ms";

    private static Cell[] Row(HarnAttempt attempt) =>
    [
        attempt.Index.ToString(CultureInfo.InvariantCulture),
        attempt.Label,
        attempt.Status.WireName(),
        attempt.DurationMs.ToString(CultureInfo.InvariantCulture),
        attempt.Error?.Category.Label() ?? "",
    ];
}
