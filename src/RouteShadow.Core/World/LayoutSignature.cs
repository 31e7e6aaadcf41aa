namespace RouteShadow.Core.World;

/// <summary>
/// The identity of each position in a station's upstream list, as the load balancer sees it:
/// <c>"{station}/{provider_id}/{endpoint_id}|{base_url}"</c> with defaulted ids, plus the bare
/// base URLs of the pre-37c4485 format (the legacy signature). State vectors are migrated
/// between layouts by matching these keys.
/// </summary>
public sealed class LayoutSignature
{
    /// <summary>Up to this many keys, <see cref="ContainsDuplicates"/> compares pairs rather than hashing.</summary>
    private const int PairwiseLimit = 16;

    private LayoutSignature(string[] keys, string[] legacyKeys)
    {
        Keys = keys;
        LegacyKeys = legacyKeys;
        HasDuplicates = ContainsDuplicates(keys);
        LegacyIsUnambiguous = !ContainsDuplicates(legacyKeys);
    }

    /// <summary>One key per upstream, in list order.</summary>
    public string[] Keys { get; }

    /// <summary>The base URLs, used as a fallback match for states recorded under the old format.</summary>
    public string[] LegacyKeys { get; }

    /// <summary>True when two upstreams share a key: the load balancer then resets the state on every call.</summary>
    public bool HasDuplicates { get; }

    /// <summary>True when no two upstreams share a base URL, so the legacy fallback may be used.</summary>
    public bool LegacyIsUnambiguous { get; }

    public int Count => Keys.Length;

    public static LayoutSignature Of(string stationName, IReadOnlyList<Upstream> upstreams)
    {
        var keys = new string[upstreams.Count];
        var legacy = new string[upstreams.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var u = upstreams[i];
            var pid = u.ProviderIdTag ?? Station.DefaultProviderId(stationName, i);
            var eid = u.EndpointIdTag ?? Station.DefaultEndpointId(i);
            keys[i] = $"{stationName}/{pid}/{eid}|{u.BaseUrl}";
            legacy[i] = u.BaseUrl;
        }

        return new LayoutSignature(keys, legacy);
    }

    /// <summary>
    /// A signature made of keys exactly as recorded, e.g. the bare base URLs of a pre-37c4485 state.
    /// For building such states by hand; the load balancer itself only writes <see cref="Of"/> keys.
    /// </summary>
    internal static LayoutSignature FromRecordedKeys(IReadOnlyList<string> keys) => new([.. keys], [.. keys]);

    public static bool ContainsDuplicates(IReadOnlyList<string> keys)
    {
        if (keys.Count > PairwiseLimit)
        {
            var seen = new HashSet<string>(keys.Count, StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++)
            {
                if (!seen.Add(keys[i]))
                {
                    return true;
                }
            }

            return false;
        }

        // Stations have a handful of upstreams, and every station's signature is checked twice:
        // comparing each pair costs less than building a hash set.
        for (var i = 1; i < keys.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(keys[i], keys[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
