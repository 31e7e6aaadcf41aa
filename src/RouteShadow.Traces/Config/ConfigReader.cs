using System.Text.Json;
using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Model;

namespace RouteShadow.Traces.Config;

/// <summary>
/// Reads a codex-helper config (<c>config.toml</c> or <c>config.json</c>) and maps it to stations.
/// TOML is first turned into the same JSON tree a JSON config is, so one mapper serves both.
/// The version is detected as codex-helper does: an integer <c>version</c> decides; without it a
/// <c>routing</c> table with <c>entry</c> or <c>routes</c> means 4, any other <c>routing</c> table 3,
/// and otherwise the file is the unversioned runtime shape. Versions 1 and 2 are station configs,
/// 4 and 5 route graphs; version 3 is not supported.
/// </summary>
public static class ConfigReader
{
    private static readonly string[] ServiceNames = ["codex", "claude"];

    public static ProxyConfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the config ({ex.GetType().Name})");
        }

        return Parse(text, path);
    }

    /// <summary>Maps config text; <paramref name="source"/> (a file name ending in .toml or .json) picks the syntax.</summary>
    public static ProxyConfig Parse(string text, string source)
    {
        var root = source.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(text, source) : ParseToml(text, source);
        var version = DetectVersion(root, source);
        var node = new ConfigNode(root, source, "");
        var services = new Dictionary<string, ServiceRouting>(StringComparer.Ordinal);
        foreach (var service in ServiceNames)
        {
            if (node.Table(service) is not { } table)
            {
                continue;
            }

            services[service] = version switch
            {
                null or 1 => LegacyStations.FromRuntimeShape(service, table),
                2 => LegacyStations.FromVersion2(service, table),
                3 => throw new ConfigException($"{source}: config version 3 is not supported; load it once in codex-helper 0.15 to migrate it to version 5"),
                4 or 5 => RouteGraph.ToCompatibilityStation(service, table),
                _ => throw new ConfigException($"{source}: unknown config version {version}"),
            };
        }

        return new ProxyConfig(source, version, services, RetryBlock.Read(node.Table("retry")));
    }

    private static JsonObject ParseJson(string text, string source)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                   ?? throw new ConfigException($"{source}: the config is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{source}:{(ex.LineNumber ?? 0) + 1}: invalid JSON");
        }
    }

    private static JsonObject ParseToml(string text, string source)
    {
        try
        {
            return (JsonObject)ToJson(TomlSerializer.Deserialize<TomlTable>(text) ?? [])!;
        }
        catch (TomlException ex)
        {
            var first = ex.Diagnostics?.FirstOrDefault();
            throw new ConfigException(first is null ? $"{source}: invalid TOML" : $"{source}:{first.Span.Start.Line + 1}: invalid TOML: {first.Message}");
        }
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        TomlTable table => new JsonObject(table.Select(pair => KeyValuePair.Create(pair.Key, ToJson(pair.Value)))),
        TomlTableArray tables => new JsonArray([.. tables.Select(ToJson)]),
        TomlArray array => new JsonArray([.. array.Select(ToJson)]),
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        null => null,
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static int? DetectVersion(JsonObject root, string source)
    {
        if (root["version"] is JsonValue version)
        {
            return version.TryGetValue<long>(out var v) ? (int)v : throw new ConfigException($"{source}: version: expected an integer");
        }

        var routings = ServiceNames.Select(s => (root[s] as JsonObject)?["routing"]).OfType<JsonObject>().ToList();
        return routings.Any(r => r.ContainsKey("entry") || r.ContainsKey("routes")) ? 4
            : routings.Count > 0 ? 3
            : null;
    }
}
