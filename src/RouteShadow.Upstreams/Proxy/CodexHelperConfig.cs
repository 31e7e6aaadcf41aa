using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Core.World;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Upstreams.Proxy;

/// <summary>
/// A codex-helper <c>config.json</c> for a scenario whose upstreams are the farm's servers: the
/// unversioned runtime shape (formats spec §4.3), which codex-helper reads as legacy stations.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Station order survives through the levels: codex-helper sorts multi-level stations by
/// level, then the active one, then name; each station gets its position as level (capped at 10)
/// and the first is active.</item>
/// <item>Each <c>base_url</c> keeps its path on the server standing in for it, so codex-helper's URL
/// rule gives the same target path; its query is dropped (it may hold a key) and no auth is written.</item>
/// <item>The retry block is the scenario's, in full, with <c>jitter_ms = 0</c> so the proxy waits
/// what the built-in loop reports.</item>
/// <item>The scenario's starting load-balancer state cannot be written: a proxy starts fresh.</item>
/// </list>
/// </remarks>
public static class CodexHelperConfig
{
    private const int MaxLevel = 10;

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static byte[] ToUtf8(Scenario scenario, UpstreamFarm farm)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WriteStartObject(scenario.Service);
            if (scenario.Stations.Count > 0)
            {
                w.WriteString("active", scenario.Stations[0].Station.Name);
            }

            w.WriteStartObject("stations");
            for (var s = 0; s < scenario.Stations.Count; s++)
            {
                WriteStation(w, scenario.Stations[s].Station, Math.Min(s + 1, MaxLevel), farm);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            WriteRetry(w, scenario.Retry ?? RetrySettings.Balanced);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Where codex-helper should send what it would send to <paramref name="baseUrl"/>.</summary>
    public static string ServedBaseUrl(string baseUrl, Uri server) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed)
            ? new Uri(server, parsed.AbsolutePath).ToString().TrimEnd('/')
            : baseUrl; // codex-helper reports an unparsable base_url as a target-build error; it stays one.

    private static void WriteStation(Utf8JsonWriter w, Station station, int level, UpstreamFarm farm)
    {
        w.WriteStartObject(station.Name);
        w.WriteString("name", station.Name);
        w.WriteBoolean("enabled", true);
        w.WriteNumber("level", level);
        w.WriteStartArray("upstreams");
        foreach (var upstream in station.Upstreams)
        {
            w.WriteStartObject();
            w.WriteString("base_url", ServedBaseUrl(upstream.BaseUrl, farm.AddressOf(upstream.BaseUrl)));
            WriteMap(w, "tags", upstream.Tags, w.WriteString);
            WriteMap(w, "supported_models", upstream.SupportedModels, w.WriteBoolean);
            WriteMap(w, "model_mapping", upstream.ModelMapping, w.WriteString);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRetry(Utf8JsonWriter w, RetrySettings retry)
    {
        w.WriteStartObject("retry");
        w.WriteString("profile", "balanced");
        WriteLayer(w, "upstream", retry.Upstream);
        WriteLayer(w, "provider", retry.Provider);
        w.WriteBoolean("allow_cross_station_before_first_output", retry.AllowCrossStationBeforeFirstOutput);
        w.WriteString("never_on_status", retry.NeverOnStatus);
        WriteStrings(w, "never_on_class", retry.NeverOnClass);
        w.WriteNumber("transport_cooldown_secs", retry.TransportCooldownSecs);
        w.WriteNumber("cooldown_backoff_factor", retry.CooldownBackoffFactor);
        w.WriteNumber("cooldown_backoff_max_secs", retry.CooldownBackoffMaxSecs);
        w.WriteEndObject();
    }

    private static void WriteLayer(Utf8JsonWriter w, string name, RetryLayer layer)
    {
        w.WriteStartObject(name);
        w.WriteNumber("max_attempts", layer.MaxAttempts);
        w.WriteNumber("backoff_ms", layer.BackoffMs);
        w.WriteNumber("backoff_max_ms", layer.BackoffMaxMs);
        w.WriteNumber("jitter_ms", 0);
        w.WriteString("on_status", layer.OnStatus);
        WriteStrings(w, "on_class", layer.OnClass);
        w.WriteString("strategy", layer.Strategy);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteMap<T>(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, T> map, Action<string, T> write)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            write(key, value);
        }

        w.WriteEndObject();
    }
}
