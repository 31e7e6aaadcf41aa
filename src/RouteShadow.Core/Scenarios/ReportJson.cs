using System.Text.Json;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;
using static RouteShadow.Core.Scenarios.JsonValues;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// The JSON shape of shadow reports, with the field names of codex-helper's
/// <c>route_executor_shadow_mismatch</c> event, so a report and a staging event compare field by field.
/// </summary>
public static class ReportJson
{
    public static void WriteReport(Utf8JsonWriter writer, ShadowReport report)
    {
        writer.WriteBoolean("matches", report.Matches);
        WriteAttempts(writer, "legacy_attempts", report.LegacyAttempts);
        WriteAttempts(writer, "executor_attempts", report.ExecutorAttempts);
    }

    public static void WriteAttempts(Utf8JsonWriter writer, string name, IReadOnlyList<ShadowAttempt> attempts)
    {
        writer.WriteStartArray(name);
        foreach (var attempt in attempts)
        {
            WriteAttempt(writer, attempt);
        }

        writer.WriteEndArray();
    }

    public static void WriteAttempt(Utf8JsonWriter writer, ShadowAttempt attempt)
    {
        writer.WriteStartObject();
        writer.WriteString("decision", AttemptFields.Wire(attempt.Decision));
        writer.WriteString("station_name", attempt.StationName);
        writer.WriteNumber("upstream_index", attempt.UpstreamIndex);
        writer.WriteString("upstream_base_url", attempt.UpstreamBaseUrl);
        writer.WriteString("provider_id", attempt.ProviderId);
        writer.WriteString("endpoint_id", attempt.EndpointId);
        writer.WriteStartArray("route_path");
        foreach (var segment in attempt.RoutePath)
        {
            writer.WriteStringValue(segment);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("avoid_for_station");
        foreach (var index in attempt.AvoidForStation)
        {
            writer.WriteNumberValue(index);
        }

        writer.WriteEndArray();
        writer.WriteNumber("avoided_total", attempt.AvoidedTotal);
        writer.WriteNumber("total_upstreams", attempt.TotalUpstreams);
        writer.WriteString("reason", attempt.Reason);
        writer.WriteEndObject();
    }

    public static void WriteDiff(Utf8JsonWriter writer, AttemptDiff diff)
    {
        writer.WriteStartObject("diff");
        writer.WriteNumber("first_divergence", diff.FirstDivergence ?? -1);
        writer.WriteStartArray("fields");
        foreach (var field in diff.Fields)
        {
            writer.WriteStartObject();
            writer.WriteNumber("position", field.Position);
            writer.WriteString("field", field.Field);
            writer.WritePropertyName("legacy");
            writer.WriteRawValue(field.Legacy, skipInputValidation: true);
            writer.WritePropertyName("executor");
            writer.WriteRawValue(field.Executor, skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteRefs(writer, "only_in_legacy", diff.OnlyInLegacy);
        WriteRefs(writer, "only_in_executor", diff.OnlyInExecutor);
        writer.WriteEndObject();
    }

    public static ShadowAttempt ReadAttempt(JsonElement value, string path)
    {
        AttemptDecision? decision = null;
        string? station = null, baseUrl = null, providerId = null, endpointId = null, reason = null;
        int? index = null, avoidedTotal = null, total = null;
        string[]? routePath = null;
        int[]? avoid = null;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            switch (field)
            {
                case "decision": decision = ReadDecision(v, at); return true;
                case "station_name": station = String(v, at); return true;
                case "upstream_index": index = Index(v, at); return true;
                case "upstream_base_url": baseUrl = String(v, at); return true;
                case "provider_id": providerId = NullableString(v, at); return true;
                case "endpoint_id": endpointId = NullableString(v, at); return true;
                case "route_path": routePath = Array(v, at, String); return true;
                case "avoid_for_station": avoid = Array(v, at, Index); return true;
                case "avoided_total": avoidedTotal = Index(v, at); return true;
                case "total_upstreams": total = Index(v, at); return true;
                case "reason": reason = NullableString(v, at); return true;
                default: return false;
            }
        });

        Require(decision is not null, path, "decision");
        Require(station is not null, path, "station_name");
        Require(index is not null, path, "upstream_index");
        Require(baseUrl is not null, path, "upstream_base_url");
        Require(routePath is not null, path, "route_path");
        Require(avoid is not null, path, "avoid_for_station");
        Require(avoidedTotal is not null, path, "avoided_total");
        Require(total is not null, path, "total_upstreams");
        return new ShadowAttempt(
            decision!.Value, station!, index!.Value, baseUrl!, providerId, endpointId, routePath!, avoid!, avoidedTotal!.Value, total!.Value, reason);
    }

    private static AttemptDecision ReadDecision(JsonElement value, string path) => String(value, path) switch
    {
        "selected" => AttemptDecision.Selected,
        "skipped_capability_mismatch" => AttemptDecision.SkippedCapabilityMismatch,
        var other => throw Error(path, $"unknown decision '{other}'"),
    };

    private static void WriteRefs(Utf8JsonWriter writer, string name, IReadOnlyList<ShadowAttempt> attempts)
    {
        writer.WriteStartArray(name);
        foreach (var attempt in attempts)
        {
            writer.WriteStringValue(attempt.UpstreamRef);
        }

        writer.WriteEndArray();
    }
}
