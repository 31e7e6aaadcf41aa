using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RouteShadow.Upstreams.Servers;

/// <summary>
/// Records each request as it arrives, ahead of WireMock: WireMock logs a request only after
/// answering it, which a fault (or a reset) can cut short or race with the client.
/// </summary>
internal sealed class RequestRecorder
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public void Clear() => _received.Clear();

    public void Install(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        context.Request.Body.Position = 0;
        _received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body));
        await next(context).ConfigureAwait(false);
    });
}
