using RouteShadow.Core.World;

namespace RouteShadow.Traces.Config;

/// <summary>
/// Maps a v4/v5 route graph to the single compatibility station <c>routing</c> codex-helper
/// compiles for it: the graph is expanded from its entry node into provider leaves
/// (ordered-failover: children in order; manual-sticky: the target, else the first child;
/// tag-preferred: matching children first, the rest after unless <c>on_exhausted = "stop"</c>;
/// conditional: both branches, <c>then</c> first), each leaf into its provider's enabled endpoints
/// by (priority, name, base_url), and a leaf met twice is kept once. Without routes every provider
/// is a leaf, in name order. Each upstream is tagged with <c>provider_id</c> (the provider name,
/// unless an endpoint tag overrides it) and <c>endpoint_id</c> (the endpoint name), so its
/// provider-endpoint key is the one the logs show.
/// </summary>
internal static class RouteGraph
{
    public static ServiceRouting ToCompatibilityStation(string service, ConfigNode view)
    {
        var providers = view.Tables("providers").ToDictionary(p => p.Name, p => p.Table, StringComparer.Ordinal);
        var routing = view.Table("routing");
        var routes = routing?.Tables("routes").ToDictionary(r => r.Name, r => r.Table, StringComparer.Ordinal) ?? [];
        var leaves = new List<(string Provider, string? Endpoint)>();
        if (routes.Count == 0)
        {
            leaves.AddRange(providers.Keys.Order(StringComparer.Ordinal).Select(p => (p, (string?)null)));
        }
        else
        {
            var entry = routing!.String("entry") ?? "main";
            new Expansion(providers, routes, leaves).Expand(entry, []);
        }

        var upstreams = new List<Upstream>();
        var seen = new HashSet<(string, string)>();
        foreach (var (providerName, endpointName) in leaves)
        {
            var provider = providers[providerName];
            if (provider.Bool("enabled") == false)
            {
                continue;
            }

            foreach (var (name, endpoint) in LegacyStations.Endpoints(provider, endpointName is null ? null : [endpointName]))
            {
                if (seen.Add((providerName, name)))
                {
                    var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["provider_id"] = providerName };
                    var upstream = LegacyStations.Merged(provider, endpoint, tags);
                    var withEndpoint = new Dictionary<string, string>(upstream.Tags, StringComparer.Ordinal) { ["endpoint_id"] = name };
                    upstreams.Add(upstream.WithTags(withEndpoint));
                }
            }
        }

        var station = new ConfiguredStation(new Station(ServiceRouting.RouteGraphStation, upstreams), Enabled: true, Level: 1);
        return new ServiceRouting(service, RoutingMode.RouteGraph, [station], ServiceRouting.RouteGraphStation);
    }

    private sealed class Expansion(
        Dictionary<string, ConfigNode> providers,
        Dictionary<string, ConfigNode> routes,
        List<(string Provider, string? Endpoint)> leaves)
    {
        public void Expand(string reference, HashSet<string> visiting)
        {
            if (providers.ContainsKey(reference))
            {
                leaves.Add((reference, null));
                return;
            }

            if (routes.TryGetValue(reference, out var node))
            {
                if (!visiting.Add(reference))
                {
                    throw node.Error($"route '{reference}' is part of a cycle");
                }

                foreach (var child in Children(node))
                {
                    Expand(child, visiting);
                }

                visiting.Remove(reference);
                return;
            }

            var dot = reference.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && providers.ContainsKey(reference[..dot]))
            {
                leaves.Add((reference[..dot], reference[(dot + 1)..]));
                return;
            }

            throw new ConfigException($"route graph: '{reference}' is neither a provider, a route nor a provider endpoint");
        }

        /// <summary>The references a node expands to, in the order they are tried.</summary>
        private IEnumerable<string> Children(ConfigNode node)
        {
            var children = node.Strings("children") ?? [];
            switch (node.String("strategy") ?? "ordered-failover")
            {
                case "ordered-failover":
                    return children;
                case "manual-sticky":
                    return [node.String("target") ?? children.FirstOrDefault() ?? throw node.Error("manual-sticky without target or children")];
                case "tag-preferred":
                    List<Dictionary<string, string>> filters = [.. node.TableList("prefer_tags").Select(Filter)];
                    var preferred = children.Where(c => Matches(c, filters)).ToList();
                    var stop = node.String("on_exhausted") == "stop";
                    return stop ? preferred : [.. preferred, .. children.Where(c => !preferred.Contains(c))];
                case "conditional":
                    return [node.String("then") ?? throw node.Error("conditional without then"), node.String("default") ?? throw node.Error("conditional without default")];
                case var other:
                    throw node.Error($"unknown strategy '{other}'");
            }
        }

        private static Dictionary<string, string> Filter(ConfigNode filter) =>
            filter.Keys.ToDictionary(k => k, k => filter.String(k) ?? "", StringComparer.Ordinal);

        /// <summary>A child matches when any leaf provider under it has every key/value of some non-empty filter among its tags.</summary>
        private bool Matches(string child, List<Dictionary<string, string>> filters)
        {
            var under = new List<(string Provider, string? Endpoint)>();
            new Expansion(providers, routes, under).Expand(child, []);
            return under.Any(leaf =>
            {
                var tags = providers[leaf.Provider].StringMap("tags");
                return filters.Any(f => f.Count > 0 && f.All(kv => tags.TryGetValue(kv.Key, out var v) && v == kv.Value));
            });
        }
    }
}
