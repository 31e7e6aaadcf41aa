using System.Text.Json;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// One check result as a JSON object: the scenario's name, the verdict, the report in
/// codex-helper's field names, and for a mismatch its structured diff and divergence classes.
/// </summary>
public static class CheckResultJson
{
    public static void Write(Utf8JsonWriter writer, CheckResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("name", result.Scenario.Name);
        writer.WriteString("verdict", WireName(result.Verdict));
        ReportJson.WriteReport(writer, result.Comparison.Report);
        if (result.Comparison.Verdict == ShadowVerdict.Mismatch)
        {
            ReportJson.WriteDiff(writer, result.Comparison.Diff);
            writer.WriteStartArray("classes");
            foreach (var divergence in result.Comparison.Classes)
            {
                writer.WriteStringValue(divergence.WireName());
            }

            writer.WriteEndArray();
        }

        if (result.ExpectationFailures.Count > 0)
        {
            writer.WriteStartArray("expectation_failures");
            foreach (var failure in result.ExpectationFailures)
            {
                writer.WriteStringValue(failure);
            }

            writer.WriteEndArray();
        }

        if (result.Comparison.Error is { } error)
        {
            writer.WriteString("error", error);
        }

        writer.WriteEndObject();
    }

    public static string WireName(CheckVerdict verdict) => verdict switch
    {
        CheckVerdict.Match => "match",
        CheckVerdict.Mismatch => "mismatch",
        CheckVerdict.ExpectedMismatch => "expected_mismatch",
        CheckVerdict.ExpectationFailed => "expectation_failed",
        CheckVerdict.EngineError => "engine_error",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
