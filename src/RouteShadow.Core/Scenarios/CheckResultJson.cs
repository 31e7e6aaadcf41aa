using System.Text.Json;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// One check result as a JSON object: the scenario's name, the verdict, the report in
/// codex-helper's field names, and for a mismatch its structured diff and divergence classes.
/// </summary>
public static class CheckResultJson
{
    // Encoded once, as the report's field names are (see ReportJson).
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    private static readonly JsonEncodedText[] VerdictNames = [.. Enum.GetValues<CheckVerdict>().Select(v => JsonEncodedText.Encode(WireName(v)))];

    public static void Write(Utf8JsonWriter writer, CheckResult result)
    {
        writer.WriteStartObject();
        writer.WriteString(Name, result.Scenario.Name);
        writer.WriteString(Verdict, VerdictNames[(int)result.Verdict]);
        ReportJson.WriteReport(writer, result.Comparison.Report);
        if (result.Comparison.Verdict == ShadowVerdict.Mismatch)
        {
            ReportJson.WriteDiff(writer, result.Comparison.Diff);
            writer.WriteStartArray("classes");
            for (var i = 0; i < result.Comparison.Classes.Count; i++)
            {
                writer.WriteStringValue(result.Comparison.Classes[i].WireName());
            }

            writer.WriteEndArray();
        }

        if (result.ExpectationFailures.Count > 0)
        {
            writer.WriteStartArray("expectation_failures");
            for (var i = 0; i < result.ExpectationFailures.Count; i++)
            {
                writer.WriteStringValue(result.ExpectationFailures[i]);
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
