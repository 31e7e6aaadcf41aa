using System.Text.Json;
using System.Text.Json.Nodes;

namespace RouteShadow.Traces.Config;

/// <summary>A table of the config tree with its key path, for typed reads whose errors name the file and key.</summary>
internal sealed class ConfigNode(JsonObject table, string source, string path)
{
    public string Path => path;

    public IEnumerable<string> Keys => table.Select(p => p.Key);

    public ConfigNode? Table(string key, string? alias = null)
    {
        var value = Get(key, alias);
        return value switch
        {
            null => null,
            JsonObject inner => new ConfigNode(inner, source, Join(key)),
            _ => throw Wrong(key, "a table"),
        };
    }

    /// <summary>The sub-tables of a map of tables, in the file's order.</summary>
    public IEnumerable<(string Name, ConfigNode Table)> Tables(string key, string? alias = null)
    {
        if (Table(key, alias) is not { } map)
        {
            yield break;
        }

        foreach (var name in map.Keys)
        {
            yield return (name, map.Table(name)!);
        }
    }

    public IEnumerable<ConfigNode> TableList(string key)
    {
        if (Get(key, null) is null)
        {
            yield break;
        }

        if (Get(key, null) is not JsonArray array)
        {
            throw Wrong(key, "an array of tables");
        }

        for (var i = 0; i < array.Count; i++)
        {
            yield return array[i] is JsonObject item ? new ConfigNode(item, source, $"{Join(key)}[{i}]") : throw Wrong($"{key}[{i}]", "a table");
        }
    }

    public string? String(string key, string? alias = null) => Get(key, alias) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Wrong(key, "a string"),
    };

    public bool? Bool(string key) => Get(key, null) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw Wrong(key, "true or false"),
    };

    public long? Integer(string key) => Get(key, null) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (long)d,
        _ => throw Wrong(key, "an integer"),
    };

    public IReadOnlyList<string>? Strings(string key) => Get(key, null) switch
    {
        null => null,
        JsonArray a => [.. a.Select((item, i) => item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Wrong($"{key}[{i}]", "a string"))],
        _ => throw Wrong(key, "an array of strings"),
    };

    public Dictionary<string, string> StringMap(string key, string? alias = null) => Map(key, alias, (v, k) =>
        v is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : throw Wrong(k, "a string"));

    public Dictionary<string, bool> BoolMap(string key, string? alias = null) => Map(key, alias, (v, k) =>
        v is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? b.GetValue<bool>() : throw Wrong(k, "true or false"));

    /// <summary>The raw value of a key: for fields that may take several types.</summary>
    public JsonNode? Raw(string key) => Get(key, null);

    public ConfigException Wrong(string key, string expected) => new($"{source}: {Join(key)}: expected {expected}");

    public ConfigException Error(string message) => new($"{source}: {path}: {message}");

    private Dictionary<string, T> Map<T>(string key, string? alias, Func<JsonNode?, string, T> read)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        switch (Get(key, alias))
        {
            case null:
                return map;
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    map[k] = read(v, $"{key}.{k}");
                }

                return map;
            default:
                throw Wrong(key, "a table");
        }
    }

    private JsonNode? Get(string key, string? alias) => table[key] ?? (alias is null ? null : table[alias]);

    private string Join(string key) => path.Length == 0 ? key : path + "." + key;
}
