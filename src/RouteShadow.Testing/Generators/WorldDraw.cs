using RouteShadow.Core.World;

namespace RouteShadow.Testing.Generators;

/// <summary>Draws the configuration side of a scenario: stations, their upstreams, and the request's model.</summary>
internal static class WorldDraw
{
    public static Station[] Stations(SplitMix64 rng, WorldLimits limits)
    {
        // One station half the time: divergences between stations are common enough with the rest.
        var stations = new Station[Math.Min(limits.Stations, rng.Below(100) switch { < 50 => 1, < 85 => 2, _ => 3 })];
        for (var s = 0; s < stations.Length; s++)
        {
            var upstreams = new Upstream[rng.Chance(5) ? 0 : 1 + rng.Below(limits.UpstreamsPerStation)];
            for (var i = 0; i < upstreams.Length; i++)
            {
                upstreams[i] = Upstream(rng);
            }

            stations[s] = new Station(Alphabet.StationNames[s], upstreams);
        }

        return stations;
    }

    public static string? RequestModel(SplitMix64 rng) => rng.Pick(Alphabet.RequestModels);

    /// <summary>
    /// An upstream list the station had before its current one: one upstream added, removed,
    /// moved, re-addressed or re-tagged — the changes that make the load balancer migrate state.
    /// </summary>
    public static IReadOnlyList<Upstream> OlderLayout(SplitMix64 rng, Station station)
    {
        var layout = station.Upstreams.ToList();
        var at = rng.Below(Math.Max(1, layout.Count));
        switch (layout.Count == 0 ? 0 : rng.Below(5))
        {
            case 0:
                layout.Insert(rng.Below(layout.Count + 1), Upstream(rng));
                break;
            case 1:
                layout.RemoveAt(at);
                break;
            case 2:
                var other = rng.Below(layout.Count);
                (layout[at], layout[other]) = (layout[other], layout[at]);
                break;
            case 3:
                var moved = layout[at];
                layout[at] = new Upstream(rng.Pick(Alphabet.BaseUrls), moved.Tags, moved.SupportedModels, moved.ModelMapping);
                break;
            default:
                layout[at] = layout[at].WithTags(Tags(rng) ?? []);
                break;
        }

        return layout;
    }

    private static Upstream Upstream(SplitMix64 rng) =>
        new(rng.Pick(Alphabet.BaseUrls), Tags(rng), SupportedModels(rng), ModelMapping(rng));

    /// <summary>Provider and endpoint ids each present or missing, from alphabets small enough to collide.</summary>
    private static Dictionary<string, string>? Tags(SplitMix64 rng)
    {
        Dictionary<string, string>? tags = null;
        if (rng.Chance(35))
        {
            (tags ??= new(StringComparer.Ordinal))[TagNames.ProviderId] = rng.Pick(Alphabet.ProviderIds);
        }

        if (rng.Chance(30))
        {
            (tags ??= new(StringComparer.Ordinal))[TagNames.EndpointId] = rng.Pick(Alphabet.EndpointIds);
        }

        if (rng.Chance(10))
        {
            (tags ??= new(StringComparer.Ordinal))[Alphabet.InertTag.Key] = Alphabet.InertTag.Value;
        }

        return tags;
    }

    private static Dictionary<string, bool>? SupportedModels(SplitMix64 rng)
    {
        if (!rng.Chance(25))
        {
            return null;
        }

        var models = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var n = 1 + rng.Below(2); n > 0; n--)
        {
            models[rng.Pick(Alphabet.ModelPatterns)] = rng.Chance(75);
        }

        return models;
    }

    private static Dictionary<string, string>? ModelMapping(SplitMix64 rng)
    {
        if (!rng.Chance(15))
        {
            return null;
        }

        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var n = 1 + rng.Below(2); n > 0; n--)
        {
            mapping[rng.Pick(Alphabet.ModelPatterns)] = rng.Pick(Alphabet.MappedModels);
        }

        return mapping;
    }
}
