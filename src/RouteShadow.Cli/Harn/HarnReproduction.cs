using System.Globalization;
using System.Text;
using System.Text.Json;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;

namespace RouteShadow.Cli.Harn;

/// <summary>
/// <c>routeshadow reproduce</c> on a harn scenario: plays the call through both variants on the
/// virtual clock against the scripted link outcomes and prints, per variant, its outcome, its
/// ledger and the events it emitted in order. A harn call needs no upstream servers: the links'
/// answers are the scenario's script, so nothing is started (and <c>--keep-running</c>,
/// <c>--engines</c> and <c>--trace-out</c> do not apply).
/// </summary>
internal static class HarnReproduction
{
    /// <summary>The rendered runs, and whether the two ledgers are the same (the exit code's verdict).</summary>
    public static (string Text, bool Matches) Render(Scenario scenario, OutputFormat format)
    {
        var report = HarnReport.Of(scenario.Harn!);
        return (format == OutputFormat.Table ? Table(scenario, report) : Json(scenario, report) + "\n", report.Matches);
    }

    private static string Table(Scenario scenario, HarnReport report)
    {
        var text = new StringBuilder();
        text.Append("harn call: ").Append(scenario.Name.Length > 0 ? scenario.Name : "(unnamed)").Append('\n');
        foreach (var (variant, run) in Runs(report))
        {
            text.Append('\n').Append(variant.Name).Append(": ").Append(Outcome(run)).Append('\n');
            foreach (var attempt in run.Attempts)
            {
                text.Append(CultureInfo.InvariantCulture, $"  attempt {attempt.Index} {attempt.Label} {attempt.Status.WireName()} after {attempt.DurationMs} ms");
                text.Append(attempt.Error is { } error ? $" [{error.Category.Label()}] {error.Message}" : string.Empty).Append('\n');
            }

            foreach (var routingEvent in run.Events)
            {
                text.Append("  event ").Append(routingEvent).Append('\n');
            }
        }

        text.Append('\n').Append(report.FirstDivergence is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"the ledgers part at attempt position {at}\n")
            : report.Matches ? "the runs are the same\n" : "the ledgers are the same; the outcomes differ\n");
        return text.ToString();
    }

    private static string Json(Scenario scenario, HarnReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            json.WriteStartObject();
            json.WriteString("name", scenario.Name);
            json.WriteString("engine", "harn");
            json.WriteStartArray("runs");
            foreach (var (variant, run) in Runs(report))
            {
                json.WriteStartObject();
                json.WriteString("variant", variant.Name);
                json.WriteNumber("elapsed_ms", run.ElapsedMs);
                HarnJson.WriteRun(json, "run", HarnRunSummary.Of(run));

                json.WriteStartArray("events");
                foreach (var routingEvent in run.Events)
                {
                    json.WriteStartObject();
                    json.WriteString("category", routingEvent.Category);
                    foreach (var (key, value) in routingEvent.Fields)
                    {
                        json.WriteString(key, value);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("matches", report.Matches);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (HarnVariant Variant, HarnRun Run)[] Runs(HarnReport report) =>
        [(report.Control, report.ControlRun), (report.Candidate, report.CandidateRun)];

    private static string Outcome(HarnRun run) => run.Succeeded
        ? string.Create(CultureInfo.InvariantCulture, $"succeeded after {run.ElapsedMs} ms, selected {run.Selected?.ToString(CultureInfo.InvariantCulture) ?? "none"}")
        : string.Create(CultureInfo.InvariantCulture, $"failed after {run.ElapsedMs} ms: [{run.Error!.Category.Label()}] {run.Error.Message}");
}
