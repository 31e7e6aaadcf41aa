using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouteShadow.Core.Scenarios.Reproduction;

namespace RouteShadow.Upstreams.Servers;

/// <summary>
/// The faults WireMock.Net 1.25 cannot produce (it has no connection reset, and its empty
/// response is a 200 with no body). A mapping names its fault in <see cref="MarkerHeader"/>; this
/// middleware, wrapped around WireMock's, holds WireMock's answer back and then, instead of
/// sending it:
/// <list type="bullet">
/// <item><c>empty_response</c>: aborts the connection before a single byte goes out;</item>
/// <item><c>connection_reset</c> and <c>malformed_response</c>: sends the headers (without a
/// length) and the body, then aborts — the client sees a chunked body cut by a TCP reset;</item>
/// <item><c>no_answer</c>: sends nothing until the client gives up and closes the connection
/// (WireMock's delay would outlive the client and hold the server's shutdown).</item>
/// </list>
/// </summary>
internal static class ConnectionFaults
{
    public const string MarkerHeader = "X-RouteShadow-Fault";

    // A flush only hands the bytes to Kestrel's transport; the grace lets them reach the socket
    // before the abort, which would otherwise discard them.
    private static readonly TimeSpan FlushGrace = TimeSpan.FromMilliseconds(30);

    public static void Install(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var wire = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = wire;
        }

        var fault = context.Response.Headers.TryGetValue(MarkerHeader, out var name) ? UpstreamFaultNames.Parse(name.ToString()) : null;
        if (fault is null or UpstreamFault.None)
        {
            held.Position = 0;
            await held.CopyToAsync(wire, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (fault == UpstreamFault.NoAnswer)
        {
            await UntilClientLeavesAsync(context).ConfigureAwait(false);
        }
        else if (fault != UpstreamFault.EmptyResponse)
        {
            context.Response.Headers.Remove(MarkerHeader);
            context.Response.ContentLength = null;
            held.Position = 0;
            await held.CopyToAsync(wire, context.RequestAborted).ConfigureAwait(false);
            await wire.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(FlushGrace, context.RequestAborted).ConfigureAwait(false);
        }

        context.Abort();
    });

    /// <summary>
    /// Until the client closes the connection, or the server stops: Kestrel would otherwise hold
    /// its shutdown for this request until its own timeout (30 s) ran out.
    /// </summary>
    private static async Task UntilClientLeavesAsync(HttpContext context)
    {
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nothing is left to answer.
        }
    }
}
