using System.Text.Json;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;

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

    internal static ShadowAttempt ReadAttempt(ref JsonCursor c)
    {
        AttemptDecision? decision = null;
        string? station = null, baseUrl = null, providerId = null, endpointId = null, reason = null;
        int? index = null, avoidedTotal = null, total = null;
        string[]? routePath = null;
        int[]? avoid = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("decision"u8))
            {
                c.Once(ref seen, 0);
                decision = ReadDecision(ref c);
            }
            else if (c.FieldIs("station_name"u8))
            {
                c.Once(ref seen, 1);
                station = c.String();
            }
            else if (c.FieldIs("upstream_index"u8))
            {
                c.Once(ref seen, 2);
                index = c.Index();
            }
            else if (c.FieldIs("upstream_base_url"u8))
            {
                c.Once(ref seen, 3);
                baseUrl = c.String();
            }
            else if (c.FieldIs("provider_id"u8))
            {
                c.Once(ref seen, 4);
                providerId = c.NullableString();
            }
            else if (c.FieldIs("endpoint_id"u8))
            {
                c.Once(ref seen, 5);
                endpointId = c.NullableString();
            }
            else if (c.FieldIs("route_path"u8))
            {
                c.Once(ref seen, 6);
                routePath = c.Array(static (ref JsonCursor v) => v.String());
            }
            else if (c.FieldIs("avoid_for_station"u8))
            {
                c.Once(ref seen, 7);
                avoid = c.Array(static (ref JsonCursor v) => v.Index());
            }
            else if (c.FieldIs("avoided_total"u8))
            {
                c.Once(ref seen, 8);
                avoidedTotal = c.Index();
            }
            else if (c.FieldIs("total_upstreams"u8))
            {
                c.Once(ref seen, 9);
                total = c.Index();
            }
            else if (c.FieldIs("reason"u8))
            {
                c.Once(ref seen, 10);
                reason = c.NullableString();
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new ShadowAttempt(
            decision ?? throw c.MissingField("decision"),
            station ?? throw c.MissingField("station_name"),
            index ?? throw c.MissingField("upstream_index"),
            baseUrl ?? throw c.MissingField("upstream_base_url"),
            providerId,
            endpointId,
            routePath ?? throw c.MissingField("route_path"),
            avoid ?? throw c.MissingField("avoid_for_station"),
            avoidedTotal ?? throw c.MissingField("avoided_total"),
            total ?? throw c.MissingField("total_upstreams"),
            reason);
    }

    private static AttemptDecision ReadDecision(ref JsonCursor c) => c.String() switch
    {
        "selected" => AttemptDecision.Selected,
        "skipped_capability_mismatch" => AttemptDecision.SkippedCapabilityMismatch,
        var other => throw c.Error($"unknown decision '{other}'"),
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
