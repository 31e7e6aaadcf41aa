using System.Text.Json;

namespace RouteShadow.Core.Scenarios.Harn;

/// <summary>
/// A harn check result as one JSON object: the scenario's name, <c>"engine":"harn"</c>, the
/// verdict, the two variants with their runs, where their ledgers first part, and any expectation failures.
/// </summary>
public static class HarnCheckJson
{
    public static void Write(Utf8JsonWriter writer, HarnCheckResult result)
    {
        var report = result.Report;
        writer.WriteStartObject();
        writer.WriteString("name", result.Scenario.Name);
        writer.WriteString("engine", "harn");
        writer.WriteString("verdict", CheckResultJson.WireName(result.Verdict));
        writer.WriteBoolean("matches", report.Matches);
        writer.WriteString("control_variant", report.Control.Name);
        writer.WriteString("candidate_variant", report.Candidate.Name);
        HarnJson.WriteRun(writer, "control", HarnRunSummary.Of(report.ControlRun));
        HarnJson.WriteRun(writer, "candidate", HarnRunSummary.Of(report.CandidateRun));
        if (report.FirstDivergence is { } at)
        {
            writer.WriteNumber("first_divergence", at);
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

        writer.WriteEndObject();
    }
}
