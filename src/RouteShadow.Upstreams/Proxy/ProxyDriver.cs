using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Upstreams.Proxy;

/// <summary>What an external proxy (a real codex-helper) made of a scenario's request.</summary>
/// <param name="Received">Per scenario base_url, the requests its server received.</param>
public sealed record ProxyRun(ClientResponse Response, IReadOnlyDictionary<string, IReadOnlyList<ReceivedRequest>> Received, TimeSpan Elapsed);

/// <summary>
/// Sends a scenario's request through an external proxy instead of the built-in loop: the proxy
/// does the retrying, the farm records what reached each upstream.
/// </summary>
/// <param name="timeout">How long the whole request through the proxy may take, its retries and waits included.</param>
public sealed class ProxyDriver(TimeProvider clock, TimeSpan timeout)
{
    /// <exception cref="HttpRequestException">The proxy could not be reached or broke the connection.</exception>
    /// <exception cref="TimeoutException">The proxy did not answer within the time limit.</exception>
    public async Task<ProxyRun> RunAsync(Scenario scenario, UpstreamFarm farm, Uri proxy, CancellationToken cancellationToken)
    {
        var request = scenario.Request.Http ?? HttpRequestSpec.Default;
        farm.Rewind();
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new AttemptDeadline(timeout, clock, cancellationToken);
        var started = clock.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(ClientRequest.Build(request, Target(proxy, request.Path)), deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            var received = farm.BaseUrls.ToDictionary(url => url, farm.ReceivedBy, StringComparer.Ordinal);
            return new ProxyRun(new ClientResponse((int)response.StatusCode, body), received, clock.GetElapsedTime(started));
        }
        catch (OperationCanceledException ex) when (deadline.Expired(ex))
        {
            throw new TimeoutException($"no answer from the proxy within {timeout.TotalSeconds:0} s", ex);
        }
    }

    /// <summary>The client path under the proxy's own path, as a client configured with that URL would send it.</summary>
    private static Uri Target(Uri proxy, string clientPath) =>
        new(proxy.GetLeftPart(UriPartial.Authority) + proxy.AbsolutePath.TrimEnd('/') + clientPath);
}
