using System.Text.Json;
using System.Text.Json.Nodes;
using RouteShadow.Core.World;
using RouteShadow.Traces.Secrets;

namespace RouteShadow.Traces.Config;

/// <summary>
/// The legacy station shapes: the unversioned runtime shape (TOML or JSON, stations under
/// <c>stations</c> or <c>configs</c>) and version 2 (providers with endpoints, grouped into stations
/// by <c>members</c>). Credentials are never read.
/// </summary>
internal static class LegacyStations
{
    private static readonly string[] PickDefault = ["true", "1", "yes", "on"];
    private static readonly string[] PickNone = ["false", "0", "no", "off"];

    public static ServiceRouting FromRuntimeShape(string service, ConfigNode table)
    {
        var stations = new List<ConfiguredStation>();
        foreach (var (key, node) in table.Tables("stations", alias: "configs"))
        {
            var name = node.String("name") ?? key;
            var upstreams = node.TableList("upstreams").Select(u => Upstream(u, u.String("base_url") ?? throw u.Error("upstream without base_url"))).ToList();
            stations.Add(new ConfiguredStation(new Station(name, upstreams), node.Bool("enabled") ?? true, Level(node)));
        }

        return new ServiceRouting(service, RoutingMode.Stations, stations, NormaliseActive(table, stations));
    }

    public static ServiceRouting FromVersion2(string service, ConfigNode table)
    {
        var providers = table.Tables("providers").ToDictionary(p => p.Name, p => p.Table, StringComparer.Ordinal);
        var stations = new List<ConfiguredStation>();
        foreach (var (name, node) in table.Tables("stations", alias: "groups"))
        {
            var members = node.TableList("members").Select((m, i) => (Member: m, Order: i))
                .OrderBy(m => m.Member.Bool("preferred") == true ? 0 : 1).ThenBy(m => m.Order);
            var upstreams = new List<Upstream>();
            foreach (var (member, _) in members)
            {
                var providerName = member.String("provider") ?? throw member.Error("member without provider");
                if (!providers.TryGetValue(providerName, out var provider))
                {
                    throw member.Error($"unknown provider '{providerName}'");
                }

                if (provider.Bool("enabled") == false)
                {
                    continue;
                }

                var wanted = member.Strings("endpoint_names") ?? member.Strings("endpoints");
                foreach (var (_, endpoint) in Endpoints(provider, wanted))
                {
                    upstreams.Add(Merged(provider, endpoint));
                }
            }

            stations.Add(new ConfiguredStation(new Station(name, upstreams), node.Bool("enabled") ?? true, Level(node)));
        }

        var active = table.String("active_station", alias: "active_group");
        if (active is not null && stations.All(s => s.Station.Name != active))
        {
            throw table.Error($"active_station '{active}' is not a station");
        }

        return new ServiceRouting(service, RoutingMode.Stations, stations, active);
    }

    /// <summary>
    /// A provider's enabled endpoints: the listed ones in listed order, or all of them by
    /// (priority, name, base_url). A provider-level <c>base_url</c> is the endpoint <c>default</c>.
    /// </summary>
    internal static IEnumerable<(string Name, ConfigNode Node)> Endpoints(ConfigNode provider, IReadOnlyList<string>? wanted = null)
    {
        var all = provider.Tables("endpoints").Select(e => (e.Name, Node: e.Table)).ToList();
        if (provider.String("base_url") is not null)
        {
            if (all.Any(e => e.Name == "default"))
            {
                throw provider.Error("base_url and endpoints.default are both set");
            }

            all.Add(("default", provider));
        }

        var chosen = wanted is null
            ? all.OrderBy(e => e.Node == provider ? 0 : e.Node.Integer("priority") ?? 0)
                .ThenBy(e => e.Name, StringComparer.Ordinal)
                .ThenBy(e => e.Node.String("base_url"), StringComparer.Ordinal)
                .ToList()
            : [.. wanted.Select(w => all.FirstOrDefault(e => e.Name == w) is { Name: not null } e ? e : throw provider.Error($"unknown endpoint '{w}'"))];
        return chosen.Where(e => e.Node == provider || e.Node.Bool("enabled") != false);
    }

    /// <summary>An upstream from a provider and one of its endpoints; the endpoint's maps win.</summary>
    internal static Upstream Merged(ConfigNode provider, ConfigNode endpoint, IReadOnlyDictionary<string, string>? extraTags = null)
    {
        var tags = provider.StringMap("tags");
        foreach (var (k, v) in extraTags ?? new Dictionary<string, string>())
        {
            tags[k] = v;
        }

        if (endpoint != provider)
        {
            Overlay(tags, endpoint.StringMap("tags"));
        }

        var supported = provider.BoolMap("supported_models", alias: "supportedModels");
        var mapping = provider.StringMap("model_mapping", alias: "modelMapping");
        if (endpoint != provider)
        {
            Overlay(supported, endpoint.BoolMap("supported_models", alias: "supportedModels"));
            Overlay(mapping, endpoint.StringMap("model_mapping", alias: "modelMapping"));
        }

        var baseUrl = endpoint.String("base_url") ?? throw endpoint.Error("endpoint without base_url");
        return new Upstream(Redactor.Redact(baseUrl), tags, supported, mapping);
    }

    private static Upstream Upstream(ConfigNode node, string baseUrl) => new(
        Redactor.Redact(baseUrl), node.StringMap("tags"), node.BoolMap("supported_models", alias: "supportedModels"), node.StringMap("model_mapping", alias: "modelMapping"));

    private static int Level(ConfigNode node) => (int)Math.Clamp(node.Integer("level") ?? 1, 1, 10);

    /// <summary>codex-helper normalises <c>active</c> on load: a station name stays; yes-words pick a default; no-words mean none.</summary>
    private static string? NormaliseActive(ConfigNode table, List<ConfiguredStation> stations)
    {
        var raw = table.Raw("active") switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Trim(),
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
            _ => throw table.Wrong("active", "a station name"),
        };
        if (raw is null || stations.Any(s => s.Station.Name == raw))
        {
            return raw;
        }

        if (PickNone.Contains(raw, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!PickDefault.Contains(raw, StringComparer.OrdinalIgnoreCase))
        {
            return raw;
        }

        var pool = stations.Any(s => s.Enabled) ? stations.Where(s => s.Enabled) : stations;
        return pool.OrderBy(s => s.Level).ThenBy(s => s.Station.Name, StringComparer.Ordinal).FirstOrDefault()?.Station.Name;
    }

    private static void Overlay<T>(Dictionary<string, T> target, Dictionary<string, T> source)
    {
        foreach (var (k, v) in source)
        {
            target[k] = v;
        }
    }
}
