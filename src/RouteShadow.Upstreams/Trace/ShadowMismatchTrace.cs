using System.Text.Encodings.Web;
using System.Text.Json;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Upstreams.Trace;

/// <summary>
/// Writes <c>route_executor_shadow_mismatch</c> as codex-helper's control trace does: one JSON line
/// in the <c>retry_trace</c> envelope, with the typed <c>detail</c> digest and the payload's keys sorted.
/// </summary>
public static class ShadowMismatchTrace
{
    private const string EventName = "route_executor_shadow_mismatch";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(string service, long requestId, string? model, ShadowReport report, long tsMs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("ts_ms", tsMs);
            w.WriteString("kind", "retry_trace");
            w.WriteString("service", service);
            w.WriteNumber("request_id", requestId);
            w.WriteString("trace_id", $"{service}-{requestId}");
            w.WriteString("event", EventName);
            WriteDetail(w, model, report);
            w.WriteStartObject("payload");
            w.WriteString("event", EventName);
            WriteAttempts(w, "executor_attempts", report.ExecutorAttempts);
            WriteAttempts(w, "legacy_attempts", report.LegacyAttempts);
            w.WriteNumber("request_id", requestId);
            w.WriteString("request_model", model);
            w.WriteString("service", service);
            w.WriteNumber("ts_ms", tsMs);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteDetail(Utf8JsonWriter w, string? model, ShadowReport report)
    {
        var legacy = report.LegacyAttempts;
        var executor = report.ExecutorAttempts;
        int? at = AttemptDiff.Between(legacy, executor).FirstDivergence;
        w.WriteStartObject("detail");
        w.WriteString("type", EventName);
        w.WriteString("request_model", model);
        w.WriteNumber("legacy_attempt_count", legacy.Count);
        w.WriteNumber("executor_attempt_count", executor.Count);
        if (at is { } index)
        {
            w.WriteNumber("first_mismatch_index", index);
        }
        else
        {
            w.WriteNull("first_mismatch_index");
        }

        WriteSide(w, "legacy", at is { } l && l < legacy.Count ? legacy[l] : null);
        WriteSide(w, "executor", at is { } e && e < executor.Count ? executor[e] : null);
        w.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter w, string side, ShadowAttempt? attempt)
    {
        w.WriteString($"{side}_station_name", attempt?.StationName);
        if (attempt is null)
        {
            w.WriteNull($"{side}_upstream_index");
        }
        else
        {
            w.WriteNumber($"{side}_upstream_index", attempt.UpstreamIndex);
        }

        w.WriteString($"{side}_provider_id", attempt?.ProviderId);
    }

    /// <summary>Attempt objects with their keys sorted, as codex-helper serializes the payload.</summary>
    private static void WriteAttempts(Utf8JsonWriter w, string name, IReadOnlyList<ShadowAttempt> attempts)
    {
        w.WriteStartArray(name);
        foreach (var a in attempts)
        {
            w.WriteStartObject();
            w.WriteStartArray("avoid_for_station");
            foreach (var index in a.AvoidForStation)
            {
                w.WriteNumberValue(index);
            }

            w.WriteEndArray();
            w.WriteNumber("avoided_total", a.AvoidedTotal);
            w.WriteString("decision", AttemptFields.Wire(a.Decision));
            w.WriteString("endpoint_id", a.EndpointId);
            w.WriteString("provider_id", a.ProviderId);
            w.WriteString("reason", a.Reason);
            w.WriteStartArray("route_path");
            foreach (var segment in a.RoutePath)
            {
                w.WriteStringValue(segment);
            }

            w.WriteEndArray();
            w.WriteString("station_name", a.StationName);
            w.WriteNumber("total_upstreams", a.TotalUpstreams);
            w.WriteString("upstream_base_url", a.UpstreamBaseUrl);
            w.WriteNumber("upstream_index", a.UpstreamIndex);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
