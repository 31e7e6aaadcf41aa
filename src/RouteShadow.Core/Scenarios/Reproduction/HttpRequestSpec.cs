namespace RouteShadow.Core.Scenarios.Reproduction;

/// <summary>The HTTP request a reproduction sends through the attempt loop.</summary>
public sealed record HttpRequestSpec(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    bool Stream)
{
    /// <summary>What a reproduction sends when the scenario's request names only a model.</summary>
    public static HttpRequestSpec Default { get; } = new("POST", "/v1/responses", new Dictionary<string, string>(), "{}", Stream: false);
}
