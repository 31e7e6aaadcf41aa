using System.Text.Json.Nodes;

namespace RouteShadow.Traces.Tests.Support;

/// <summary>Builds codex-helper log lines for timeline tests: legacy station requests and their trace events.</summary>
internal static class Logs
{
    public const string Service = "codex";

    /// <summary>A route attempt row on a legacy station.</summary>
    public static JsonObject Row(
        string station, int index, string url, string decision, int? status = null, long? duration = null, long? cooldown = null,
        int upstreamAttempt = 1, string model = "gpt-5", string? errorClass = null) => new()
    {
        ["station_name"] = station,
        ["upstream_index"] = index,
        ["upstream_base_url"] = url,
        ["upstream_attempt"] = decision == "skipped_capability_mismatch" ? null : upstreamAttempt,
        ["decision"] = decision,
        ["status_code"] = status,
        ["error_class"] = errorClass,
        ["model"] = model,
        ["duration_ms"] = duration,
        ["cooldown_secs"] = cooldown,
        ["skipped"] = decision == "skipped_capability_mismatch" ? true : null,
        ["raw"] = $"station={station} upstream_index={index} url={url}",
    };

    /// <summary>A request line: its final target (or none) and, when given, its route attempts.</summary>
    public static string Request(long id, long startMs, long endMs, int status, (string Station, int Index, string Url)? final, params JsonObject[] rows)
    {
        var line = new JsonObject
        {
            ["timestamp_ms"] = endMs,
            ["request_id"] = id,
            ["trace_id"] = $"{Service}-{id}",
            ["service"] = Service,
            ["method"] = "POST",
            ["path"] = "/v1/responses",
            ["status_code"] = status,
            ["duration_ms"] = endMs - startMs,
            ["station_name"] = final?.Station,
            ["endpoint_id"] = final?.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["provider_endpoint_key"] = final is { } f ? $"{Service}/{f.Station}#{f.Index}/{f.Index}" : null,
            ["upstream_base_url"] = final?.Url ?? "-",
            ["session_id"] = "session-1",
        };
        if (rows.Length > 0)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i]["attempt_index"] = i;
            }

            line["retry"] = new JsonObject
            {
                ["attempts"] = rows.Length,
                ["upstream_chain"] = new JsonArray([.. rows.Select(r => JsonValue.Create((string)r["raw"]!))]),
                ["route_attempts"] = new JsonArray([.. rows]),
            };
        }

        return Compact(line);
    }

    /// <summary>A station selection (<c>lbs_for_request</c>) listing stations with their routable upstream counts.</summary>
    public static string Selection(long tsMs, params (string Name, int Upstreams)[] stations) => Compact(new JsonObject
    {
        ["ts_ms"] = tsMs,
        ["kind"] = "retry_trace",
        ["service"] = Service,
        ["event"] = "lbs_for_request",
        ["payload"] = new JsonObject
        {
            ["eligible_details"] = new JsonArray([.. stations.Select(s => new JsonObject { ["name"] = s.Name, ["upstreams"] = s.Upstreams })]),
            ["event"] = "lbs_for_request",
            ["mode"] = "single_level_multi",
            ["selected_stations"] = new JsonArray([.. stations.Select(s => JsonValue.Create(s.Name))]),
            ["service"] = Service,
            ["session_id"] = "session-1",
            ["ts_ms"] = tsMs,
        },
    });

    /// <summary>An <c>attempt_select</c> naming the request's model.</summary>
    public static string AttemptSelect(long tsMs, long requestId, string model) => Compact(new JsonObject
    {
        ["ts_ms"] = tsMs,
        ["kind"] = "retry_trace",
        ["service"] = Service,
        ["request_id"] = requestId,
        ["event"] = "attempt_select",
        ["payload"] = new JsonObject { ["attempt"] = 1, ["event"] = "attempt_select", ["model"] = model, ["request_id"] = requestId, ["service"] = Service, ["ts_ms"] = tsMs },
    });

    public static string StationsConfig(params (string Name, string[] Urls)[] stations) => Compact(new JsonObject
    {
        [Service] = new JsonObject
        {
            ["active"] = stations[0].Name,
            ["stations"] = new JsonObject(stations.Select(s => KeyValuePair.Create<string, JsonNode?>(s.Name, new JsonObject
            {
                ["upstreams"] = new JsonArray([.. s.Urls.Select(u => new JsonObject { ["base_url"] = u })]),
            }))),
        },
    });

    private static string Compact(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(key);
        }

        foreach (var child in node.Select(p => p.Value).OfType<JsonObject>())
        {
            Compact(child);
        }

        if (node["retry"]?["route_attempts"] is JsonArray rows)
        {
            foreach (var row in rows.OfType<JsonObject>())
            {
                Compact(row);
            }
        }

        return node.ToJsonString();
    }
}
