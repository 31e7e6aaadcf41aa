using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Testing.Generators;

/// <summary>
/// The small vocabularies scenarios are drawn from. They are small on purpose: provider and
/// endpoint ids must collide (with each other and with the defaults <c>"{station}#{index}"</c> and
/// <c>"{index}"</c> that untagged upstreams get), and model patterns must match requested models.
/// </summary>
internal static class Alphabet
{
    public static readonly string[] StationNames = ["alpha", "beta", "gamma"];

    public static readonly string[] BaseUrls =
        ["https://a.example/v1", "https://b.example/v1", "https://c.example/v1", "https://d.example/v1"];

    /// <summary><c>alpha#0</c> and <c>beta#1</c> are default provider ids of untagged upstreams.</summary>
    public static readonly string[] ProviderIds = ["p", "q", "alpha#0", "beta#1"];

    /// <summary><c>0</c> and <c>1</c> are default endpoint ids of untagged upstreams.</summary>
    public static readonly string[] EndpointIds = ["e", "0", "1"];

    /// <summary>A tag neither engine reads: the shrinker must remove it from every example.</summary>
    public static readonly (string Key, string Value) InertTag = ("region", "eu");

    /// <summary>Exact names and single-<c>*</c> patterns; <c>g*-*</c> has two stars and never matches.</summary>
    public static readonly string[] ModelPatterns = ["gpt-5", "gpt-*", "*-mini", "claude-*", "g*-*"];

    public static readonly string[] MappedModels = ["gpt-5", "x-*", "fixed"];

    public static readonly string?[] RequestModels = [null, "gpt-5", "gpt-5-mini", "claude-3"];

    public static readonly ulong[] CooldownSecs = [0, 2, 30, 60];

    public static readonly long[] AdvanceMs = [1_000, 30_000, 61_000, 600_000];

    /// <summary>No growth, doubling up to ten minutes, and doubling with <c>max_secs</c> 0 (which never grows).</summary>
    public static readonly CooldownBackoff[] Backoffs = [CooldownBackoff.None, CooldownBackoff.None, new(2, 600), new(2, 0)];
}
