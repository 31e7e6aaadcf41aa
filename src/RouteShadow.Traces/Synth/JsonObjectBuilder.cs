using System.Text.Json;

namespace RouteShadow.Traces.Synth;

/// <summary>
/// Collects an object's properties and writes them in the order given — codex-helper's typed
/// records (struct order) — or sorted by key, as it writes every dynamic payload.
/// </summary>
internal sealed class JsonObjectBuilder
{
    private readonly List<(string Name, Action<Utf8JsonWriter> Value)> _properties = [];

    public JsonObjectBuilder Add(string name, Action<Utf8JsonWriter> value)
    {
        _properties.Add((name, value));
        return this;
    }

    public JsonObjectBuilder String(string name, string? value) => value is null ? this : Add(name, w => w.WriteStringValue(value));

    public JsonObjectBuilder NullableString(string name, string? value) => Add(name, w =>
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    });

    public JsonObjectBuilder Number(string name, long? value) => value is not { } v ? this : Add(name, w => w.WriteNumberValue(v));

    public JsonObjectBuilder Bool(string name, bool value) => Add(name, w => w.WriteBooleanValue(value));

    public JsonObjectBuilder Strings(string name, IEnumerable<string> values) => Add(name, w =>
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    });

    public JsonObjectBuilder Numbers(string name, IEnumerable<int> values) => Add(name, w =>
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    });

    public JsonObjectBuilder Object(string name, JsonObjectBuilder value, bool sorted) => Add(name, w => value.Write(w, sorted));

    public void Write(Utf8JsonWriter writer, bool sorted)
    {
        writer.WriteStartObject();
        var properties = sorted ? _properties.OrderBy(p => p.Name, StringComparer.Ordinal) : (IEnumerable<(string Name, Action<Utf8JsonWriter> Value)>)_properties;
        foreach (var (name, value) in properties)
        {
            writer.WritePropertyName(name);
            value(writer);
        }

        writer.WriteEndObject();
    }
}
