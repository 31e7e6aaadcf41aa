using System.Text.Encodings.Web;
using System.Text.Json;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Scenarios;

/// <summary>Writes scenarios in their canonical form: every field explicit, in the documented order.</summary>
public static partial class ScenarioWriter
{
    public static JsonWriterOptions Indented { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonWriterOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToUtf8(Scenario scenario, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            Write(writer, scenario);
        }

        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, Scenario scenario)
    {
        writer.WriteStartObject();
        writer.WriteString("schema", Scenario.SchemaId);
        writer.WriteString("name", scenario.Name);
        writer.WriteString("service", scenario.Service);
        writer.WriteStartObject("request");
        writer.WriteString("model", scenario.Request.Model);
        if (scenario.Request.Http is { } http)
        {
            WriteHttp(writer, http);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("stations");
        foreach (var station in scenario.Stations)
        {
            WriteStation(writer, station);
        }

        writer.WriteEndArray();
        if (scenario.Expect is { } expect)
        {
            writer.WriteStartObject("expect");
            ReportJson.WriteReport(writer, expect.Report);
            if (expect.Classes is { } classes)
            {
                writer.WriteStartArray("classes");
                foreach (var divergence in classes)
                {
                    writer.WriteStringValue(Shadow.DivergenceClassNames.WireName(divergence));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        if (scenario.Retry is { } retry)
        {
            WriteRetry(writer, retry);
        }

        if (scenario.GoModel is { } gomodel)
        {
            WriteGoModel(writer, gomodel);
        }

        if (scenario.Harn is { } harn)
        {
            WriteHarn(writer, harn);
        }

        writer.WriteEndObject();
    }

    public static void WriteUpstream(Utf8JsonWriter writer, Upstream upstream) => WriteUpstream(writer, upstream, []);

    private static void WriteUpstream(Utf8JsonWriter writer, Upstream upstream, IReadOnlyList<Reproduction.UpstreamResponse> behavior)
    {
        writer.WriteStartObject();
        writer.WriteString("base_url", upstream.BaseUrl);
        WriteMap(writer, "tags", upstream.Tags, writer.WriteString);
        WriteMap(writer, "supported_models", upstream.SupportedModels, writer.WriteBoolean);
        WriteMap(writer, "model_mapping", upstream.ModelMapping, writer.WriteString);
        if (behavior.Count > 0)
        {
            WriteBehavior(writer, behavior);
        }

        writer.WriteEndObject();
    }

    private static void WriteStation(Utf8JsonWriter writer, ScenarioStation station)
    {
        writer.WriteStartObject();
        writer.WriteString("name", station.Station.Name);
        writer.WriteStartArray("upstreams");
        for (var i = 0; i < station.Station.Upstreams.Count; i++)
        {
            WriteUpstream(writer, station.Station.Upstreams[i], station.Behaviors is { } behaviors && i < behaviors.Count ? behaviors[i] : []);
        }

        writer.WriteEndArray();
        if (station.State is { } state)
        {
            WriteState(writer, state);
        }

        writer.WriteStartArray("events");
        foreach (var scenarioEvent in station.Events)
        {
            WriteEvent(writer, scenarioEvent);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteState(Utf8JsonWriter writer, ScenarioState state)
    {
        writer.WriteStartObject("state");
        WriteArray(writer, "failure_counts", state.FailureCounts, (w, v) => w.WriteNumberValue(v));
        WriteArray(writer, "cooldown_remaining_ms", state.CooldownRemainingMs, (w, v) =>
        {
            if (v is { } ms)
            {
                w.WriteNumberValue(ms);
            }
            else
            {
                w.WriteNullValue();
            }
        });
        WriteArray(writer, "usage_exhausted", state.UsageExhausted, (w, v) => w.WriteBooleanValue(v));
        WriteArray(writer, "penalty_streak", state.PenaltyStreak, (w, v) => w.WriteNumberValue(v));
        if (state.LastGoodIndex is { } lastGood)
        {
            writer.WriteNumber("last_good_index", lastGood);
        }
        else
        {
            writer.WriteNull("last_good_index");
        }

        if (state.Layout is { } layout)
        {
            writer.WriteStartArray("layout");
            foreach (var upstream in layout)
            {
                WriteUpstream(writer, upstream);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("layout");
        }

        writer.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter writer, ScenarioEvent scenarioEvent)
    {
        writer.WriteStartObject();
        switch (scenarioEvent)
        {
            case RecordEvent record:
                writer.WriteString("op", "record");
                writer.WriteNumber("index", record.Index);
                writer.WriteBoolean("success", record.Success);
                writer.WriteNumber("cooldown_secs", record.CooldownSecs);
                WriteBackoff(writer, record.Backoff);
                break;
            case PenalizeEvent penalize:
                writer.WriteString("op", "penalize");
                writer.WriteNumber("index", penalize.Index);
                writer.WriteNumber("cooldown_secs", penalize.CooldownSecs);
                writer.WriteString("reason", penalize.Reason);
                WriteBackoff(writer, penalize.Backoff);
                break;
            case AdvanceEvent advance:
                writer.WriteString("op", "advance");
                writer.WriteNumber("ms", advance.Ms);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenarioEvent), scenarioEvent, "unknown scenario event");
        }

        writer.WriteEndObject();
    }

    private static void WriteBackoff(Utf8JsonWriter writer, LoadBalancing.CooldownBackoff backoff)
    {
        writer.WriteStartObject("backoff");
        writer.WriteNumber("factor", backoff.Factor);
        writer.WriteNumber("max_secs", backoff.MaxSecs);
        writer.WriteEndObject();
    }

    private static void WriteMap<T>(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, T> map, Action<string, T> write)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            write(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string name, T[]? values, Action<Utf8JsonWriter, T> write)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            write(writer, value);
        }

        writer.WriteEndArray();
    }
}
