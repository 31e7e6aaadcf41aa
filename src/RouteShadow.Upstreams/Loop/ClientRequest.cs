using System.Net.Http.Headers;
using System.Text;
using RouteShadow.Core.Scenarios.Reproduction;

namespace RouteShadow.Upstreams.Loop;

/// <summary>
/// A scenario's request as an HTTP message: its headers minus <c>host</c>, <c>content-length</c>
/// and the hop-by-hop ones (formats spec §9.1), and a JSON body unless the method takes none.
/// </summary>
internal static class ClientRequest
{
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-length", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
        "transfer-encoding", "upgrade",
    };

    public static HttpRequestMessage Build(HttpRequestSpec request, Uri url)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        if (request.Method is not ("GET" or "HEAD"))
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        foreach (var (name, value) in request.Headers.Where(h => !DroppedHeaders.Contains(h.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
