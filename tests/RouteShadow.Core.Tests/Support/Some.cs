using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Tests.Support;

/// <summary>
/// Test data in the shapes the spec's fixtures use (engines spec §9.0): untagged or tagged
/// upstreams, stations, one shared state map, one fixed clock.
/// </summary>
internal static class Some
{
    /// <summary>The one clock reading every test plans at (ms).</summary>
    public const long Now = 1_000_000_000;

    public const string Service = "codex";

    /// <summary>The spec's <c>NB</c>: <c>CooldownBackoff{factor: 1, max_secs: 0}</c>.</summary>
    public static CooldownBackoff NoBackoff => CooldownBackoff.None;

    /// <summary>
    /// An upstream. <paramref name="providerId"/> and <paramref name="endpointId"/> become tags when
    /// given; <paramref name="supports"/> becomes <c>supported_models = {m: true}</c>.
    /// </summary>
    public static Upstream Upstream(
        string url,
        string? providerId = null,
        string? endpointId = null,
        string[]? supports = null,
        IReadOnlyDictionary<string, string>? mapping = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        var allTags = new Dictionary<string, string>(tags ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (providerId is not null)
        {
            allTags[TagNames.ProviderId] = providerId;
        }

        if (endpointId is not null)
        {
            allTags[TagNames.EndpointId] = endpointId;
        }

        var supported = supports?.ToDictionary(m => m, _ => true, StringComparer.Ordinal);
        return new Upstream(url, allTags, supported, mapping);
    }

    /// <summary>A station of untagged upstreams (lb.rs <c>make_service</c>).</summary>
    public static Station Station(string name, params string[] urls) =>
        new(name, [.. urls.Select(url => Upstream(url))]);

    public static Station Station(string name, params Upstream[] upstreams) => new(name, upstreams);

    public static Station EmptyStation(string name) => new(name, []);

    /// <summary>A routing question at <see cref="Now"/> for the codex service.</summary>
    public static RoutingQuestion Question(IReadOnlyList<Station> stations, LbStateMap? states = null, string? model = null) =>
        new(Service, stations, states ?? new LbStateMap(), model, Now);

    public static Dictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public static Dictionary<string, bool> Flags(params (string Key, bool Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}

/// <summary>The spec's outcome shorthands (§9.6), at <see cref="Some.Now"/>.</summary>
internal static class LoadBalancerOutcomes
{
    /// <summary><c>success(i)</c> = <c>record_result_with_backoff(i, true, 30, NB)</c>.</summary>
    public static LoadBalancer Success(this LoadBalancer lb, int index)
    {
        lb.RecordResult(index, success: true, 30, Some.NoBackoff, Some.Now);
        return lb;
    }

    /// <summary><c>record_result_with_backoff(i, false, base, backoff)</c>.</summary>
    public static LoadBalancer Fail(this LoadBalancer lb, int index, ulong baseSecs = 30, CooldownBackoff? backoff = null)
    {
        lb.RecordResult(index, success: false, baseSecs, backoff ?? Some.NoBackoff, Some.Now);
        return lb;
    }

    /// <summary><c>penalize(i)</c> = <c>penalize_with_backoff(i, 60, "t", NB)</c>.</summary>
    public static LoadBalancer Penalize(this LoadBalancer lb, int index, ulong secs = 60)
    {
        lb.Penalize(index, secs, Some.NoBackoff, Some.Now);
        return lb;
    }

    /// <summary><c>select_upstream()</c>: non-strict, nothing avoided.</summary>
    public static int? SelectUpstream(this LoadBalancer lb, params int[] avoid) => lb.SelectAvoiding(Avoid(avoid), Some.Now, strict: false);

    /// <summary><c>select_upstream_avoiding_strict(avoid)</c>.</summary>
    public static int? SelectUpstreamStrict(this LoadBalancer lb, params int[] avoid) => lb.SelectAvoiding(Avoid(avoid), Some.Now, strict: true);

    public static IndexSet Avoid(params int[] indices)
    {
        var set = new IndexSet();
        foreach (var index in indices)
        {
            set.Add(index);
        }

        return set;
    }
}
