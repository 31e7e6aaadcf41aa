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
    // Field names and decision names are encoded once: the writer then copies their bytes, where a
    // string would be transcoded and escape-checked on every attempt of every result. Lists are
    // walked by index: enumerating an IReadOnlyList allocates an enumerator per list.
    private static readonly JsonEncodedText Matches = JsonEncodedText.Encode("matches");
    private static readonly JsonEncodedText LegacyAttempts = JsonEncodedText.Encode("legacy_attempts");
    private static readonly JsonEncodedText ExecutorAttempts = JsonEncodedText.Encode("executor_attempts");
    private static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
    private static readonly JsonEncodedText StationName = JsonEncodedText.Encode("station_name");
    private static readonly JsonEncodedText UpstreamIndex = JsonEncodedText.Encode("upstream_index");
    private static readonly JsonEncodedText UpstreamBaseUrl = JsonEncodedText.Encode("upstream_base_url");
    private static readonly JsonEncodedText ProviderId = JsonEncodedText.Encode("provider_id");
    private static readonly JsonEncodedText EndpointId = JsonEncodedText.Encode("endpoint_id");
    private static readonly JsonEncodedText RoutePath = JsonEncodedText.Encode("route_path");
    private static readonly JsonEncodedText AvoidForStation = JsonEncodedText.Encode("avoid_for_station");
    private static readonly JsonEncodedText AvoidedTotal = JsonEncodedText.Encode("avoided_total");
    private static readonly JsonEncodedText TotalUpstreams = JsonEncodedText.Encode("total_upstreams");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText[] DecisionNames = [.. Enum.GetValues<AttemptDecision>().Select(d => JsonEncodedText.Encode(AttemptFields.Wire(d)))];

    public static void WriteReport(Utf8JsonWriter writer, ShadowReport report)
    {
        writer.WriteBoolean(Matches, report.Matches);
        WriteAttempts(writer, LegacyAttempts, report.LegacyAttempts);
        WriteAttempts(writer, ExecutorAttempts, report.ExecutorAttempts);
    }

    public static void WriteAttempt(Utf8JsonWriter writer, ShadowAttempt attempt)
    {
        writer.WriteStartObject();
        writer.WriteString(Decision, DecisionNames[(int)attempt.Decision]);
        writer.WriteString(StationName, attempt.StationName);
        writer.WriteNumber(UpstreamIndex, attempt.UpstreamIndex);
        writer.WriteString(UpstreamBaseUrl, attempt.UpstreamBaseUrl);
        writer.WriteString(ProviderId, attempt.ProviderId);
        writer.WriteString(EndpointId, attempt.EndpointId);
        writer.WriteStartArray(RoutePath);
        for (var i = 0; i < attempt.RoutePath.Count; i++)
        {
            writer.WriteStringValue(attempt.RoutePath[i]);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(AvoidForStation);
        for (var i = 0; i < attempt.AvoidForStation.Count; i++)
        {
            writer.WriteNumberValue(attempt.AvoidForStation[i]);
        }

        writer.WriteEndArray();
        writer.WriteNumber(AvoidedTotal, attempt.AvoidedTotal);
        writer.WriteNumber(TotalUpstreams, attempt.TotalUpstreams);
        writer.WriteString(Reason, attempt.Reason);
        writer.WriteEndObject();
    }

    public static void WriteDiff(Utf8JsonWriter writer, AttemptDiff diff)
    {
        writer.WriteStartObject("diff");
        writer.WriteNumber("first_divergence", diff.FirstDivergence ?? -1);
        writer.WriteStartArray("fields");
        for (var i = 0; i < diff.Fields.Count; i++)
        {
            var field = diff.Fields[i];
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

    private static void WriteAttempts(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<ShadowAttempt> attempts)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < attempts.Count; i++)
        {
            WriteAttempt(writer, attempts[i]);
        }

        writer.WriteEndArray();
    }

    private static void WriteRefs(Utf8JsonWriter writer, string name, IReadOnlyList<ShadowAttempt> attempts)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < attempts.Count; i++)
        {
            writer.WriteStringValue(attempts[i].UpstreamRef);
        }

        writer.WriteEndArray();
    }
}
