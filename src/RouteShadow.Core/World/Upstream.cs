namespace RouteShadow.Core.World;

/// <summary>
/// One upstream of a station: where requests go and what it says about itself.
/// Immutable configuration; its runtime health lives in <see cref="LoadBalancing.LbState"/>.
/// </summary>
public sealed class Upstream
{
    private static readonly IReadOnlyDictionary<string, string> NoStrings = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, bool> NoFlags = new Dictionary<string, bool>();

    public Upstream(
        string baseUrl,
        IReadOnlyDictionary<string, string>? tags = null,
        IReadOnlyDictionary<string, bool>? supportedModels = null,
        IReadOnlyDictionary<string, string>? modelMapping = null)
    {
        BaseUrl = baseUrl;
        Tags = tags ?? NoStrings;
        SupportedModels = supportedModels ?? NoFlags;
        ModelMapping = modelMapping ?? NoStrings;
    }

    /// <summary>Compared byte-exact everywhere, never trimmed.</summary>
    public string BaseUrl { get; }

    /// <summary>Free-form tags; <c>provider_id</c> and <c>endpoint_id</c> give the upstream its identity.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Exact or single-<c>*</c> model names. The bool values never exclude anything (see <see cref="ModelRouting.ModelSupport"/>).</summary>
    public IReadOnlyDictionary<string, bool> SupportedModels { get; }

    /// <summary>Requested model → upstream model; keys may hold one <c>*</c>.</summary>
    public IReadOnlyDictionary<string, string> ModelMapping { get; }

    /// <summary>The raw <c>provider_id</c> tag, or null when the tag is absent.</summary>
    public string? ProviderIdTag => Tags.GetValueOrDefault(TagNames.ProviderId);

    /// <summary>The raw <c>endpoint_id</c> tag, or null when the tag is absent.</summary>
    public string? EndpointIdTag => Tags.GetValueOrDefault(TagNames.EndpointId);

    /// <summary>Returns a copy whose tags are <paramref name="tags"/>.</summary>
    public Upstream WithTags(IReadOnlyDictionary<string, string> tags) => new(BaseUrl, tags, SupportedModels, ModelMapping);
}

/// <summary>Tag names that carry meaning for routing.</summary>
public static class TagNames
{
    public const string ProviderId = "provider_id";
    public const string EndpointId = "endpoint_id";
}
