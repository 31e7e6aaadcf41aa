using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RouteShadow.Upstreams.Servers;

/// <summary>
/// WireMock.Net 1.25 has no connection-reset fault, so a mapping marks its response with
/// <see cref="MarkerHeader"/> and this middleware, wrapped around WireMock's, strips the marker,
/// lets the headers and body start going out without a length, then aborts the connection: the
/// client sees a chunked body that never ends, cut by a TCP reset.
/// </summary>
internal static class ConnectionReset
{
    public const string MarkerHeader = "X-RouteShadow-Reset";

    /// <summary>For <c>WireMockServerSettings.PreWireMockMiddlewareInit</c>, which hands over the app builder untyped.</summary>
    public static void Install(object app) => ((IApplicationBuilder)app).Use(async (context, next) =>
    {
        var reset = false;
        context.Response.OnStarting(() =>
        {
            reset = context.Response.Headers.Remove(MarkerHeader);
            if (reset)
            {
                context.Response.ContentLength = null;
            }

            return Task.CompletedTask;
        });

        await next(context).ConfigureAwait(false);
        if (reset)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
        }
    });
}
