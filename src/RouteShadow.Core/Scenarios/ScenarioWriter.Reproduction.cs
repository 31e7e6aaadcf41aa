using System.Text.Json;
using RouteShadow.Core.Scenarios.Reproduction;

namespace RouteShadow.Core.Scenarios;

/// <summary>The optional reproduction blocks, written in full when present.</summary>
public static partial class ScenarioWriter
{
    private static void WriteHttp(Utf8JsonWriter writer, HttpRequestSpec http)
    {
        writer.WriteString("method", http.Method);
        writer.WriteString("path", http.Path);
        WriteMap(writer, "headers", http.Headers, writer.WriteString);
        writer.WriteString("body", http.Body);
        writer.WriteBoolean("stream", http.Stream);
    }

    private static void WriteBehavior(Utf8JsonWriter writer, IReadOnlyList<UpstreamResponse> behavior)
    {
        writer.WriteStartArray("behavior");
        foreach (var response in behavior)
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", response.Status);
            WriteMap(writer, "headers", response.Headers, writer.WriteString);
            writer.WriteString("body", response.Body);
            writer.WriteNumber("delay_ms", response.DelayMs);
            if (response.Sse is { } chunks)
            {
                WriteStringArray(writer, "sse", chunks);
            }

            writer.WriteString("fault", response.Fault.WireName());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRetry(Utf8JsonWriter writer, RetrySettings retry)
    {
        writer.WriteStartObject("retry");
        WriteLayer(writer, "upstream", retry.Upstream);
        WriteLayer(writer, "provider", retry.Provider);
        writer.WriteBoolean("allow_cross_station_before_first_output", retry.AllowCrossStationBeforeFirstOutput);
        writer.WriteString("never_on_status", retry.NeverOnStatus);
        WriteStringArray(writer, "never_on_class", retry.NeverOnClass);
        writer.WriteNumber("transport_cooldown_secs", retry.TransportCooldownSecs);
        writer.WriteNumber("cooldown_backoff_factor", retry.CooldownBackoffFactor);
        writer.WriteNumber("cooldown_backoff_max_secs", retry.CooldownBackoffMaxSecs);
        writer.WriteEndObject();
    }

    private static void WriteLayer(Utf8JsonWriter writer, string name, RetryLayer layer)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("max_attempts", layer.MaxAttempts);
        writer.WriteNumber("backoff_ms", layer.BackoffMs);
        writer.WriteNumber("backoff_max_ms", layer.BackoffMaxMs);
        writer.WriteString("on_status", layer.OnStatus);
        WriteStringArray(writer, "on_class", layer.OnClass);
        writer.WriteString("strategy", layer.Strategy);
        writer.WriteEndObject();
    }

    private static void WriteStringArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
