namespace RouteShadow.Upstreams.Loop;

/// <summary>
/// codex-helper's target URL: the base_url's path, then the client path with that prefix removed
/// if it starts with it — resolved against the server standing in for the base_url.
/// </summary>
internal static class TargetUrl
{
    public static Uri? Build(string baseUrl, Uri server, string clientPath)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        var basePath = parsed.AbsolutePath.TrimEnd('/');
        var queryAt = clientPath.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? clientPath : clientPath[..queryAt];
        var query = queryAt < 0 ? string.Empty : clientPath[queryAt..];
        if (basePath.Length > 0 && (path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal)))
        {
            path = path[basePath.Length..];
        }

        return new Uri(server, basePath + path + query);
    }
}
