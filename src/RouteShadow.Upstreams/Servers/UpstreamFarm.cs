using System.Net;
using System.Net.Sockets;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using Microsoft.AspNetCore.Builder;
using WireMock.Server;
using WireMock.Settings;

namespace RouteShadow.Upstreams.Servers;

/// <summary>
/// One WireMock server per upstream of a scenario, each on 127.0.0.1 with an ephemeral port,
/// answering as the upstream's behavior says and recording what it receives.
/// </summary>
public sealed class UpstreamFarm : IDisposable
{
    private readonly Dictionary<string, (WireMockServer Server, Uri Address, RequestRecorder Recorder)> _servers;

    private UpstreamFarm(Dictionary<string, (WireMockServer, Uri, RequestRecorder)> servers) => _servers = servers;

    /// <summary>Starts a server for every upstream; a base_url that appears twice shares the first one's server.</summary>
    public static UpstreamFarm Start(Scenario scenario)
    {
        var servers = new Dictionary<string, (WireMockServer, Uri, RequestRecorder)>(StringComparer.Ordinal);
        try
        {
            foreach (var station in scenario.Stations)
            {
                for (var i = 0; i < station.Station.Upstreams.Count; i++)
                {
                    var baseUrl = station.Station.Upstreams[i].BaseUrl;
                    if (!servers.ContainsKey(baseUrl))
                    {
                        var recorder = new RequestRecorder();
                        var address = LoopbackAddress();
                        var server = StartServer(address, recorder);
                        BehaviorMappings.Apply(server, station.BehaviorOf(i));
                        servers.Add(baseUrl, (server, address, recorder));
                    }
                }
            }
        }
        catch
        {
            new UpstreamFarm(servers).Dispose();
            throw;
        }

        return new UpstreamFarm(servers);
    }

    /// <summary>
    /// Starts a throwaway server and exchanges one request with it, so that the process's first
    /// exchange (Kestrel, WireMock and the client compiled on first use, which can take seconds on a
    /// loaded machine) is not what a reproduction's first attempt measures against its time limit.
    /// </summary>
    public static async Task WarmUpAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var address = LoopbackAddress();
        using var server = StartServer(address, new RequestRecorder());
        BehaviorMappings.Apply(server, [UpstreamResponse.Default]);
        using var response = await http.GetAsync(address, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        server.Stop();
    }

    /// <summary>The scenario base_urls, in scenario order.</summary>
    public IReadOnlyCollection<string> BaseUrls => _servers.Keys;

    /// <summary>
    /// The address of the server standing in for <paramref name="baseUrl"/>: the loopback address it
    /// is bound to (WireMock reports it as <c>localhost</c>, which may resolve to ::1 first).
    /// </summary>
    public Uri AddressOf(string baseUrl) => _servers[baseUrl].Address;

    /// <summary>The requests the server for <paramref name="baseUrl"/> received, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> ReceivedBy(string baseUrl) => _servers[baseUrl].Recorder.Received;

    /// <summary>Back to the first answer with nothing recorded, so a second engine starts from the same upstreams.</summary>
    public void Rewind()
    {
        foreach (var (server, _, recorder) in _servers.Values)
        {
            server.ResetScenarios();
            server.ResetLogEntries();
            recorder.Clear();
        }
    }

    public void Dispose()
    {
        foreach (var (server, _, _) in _servers.Values)
        {
            server.Stop();
            server.Dispose();
        }
    }

    /// <remarks>WireMock hands its app builder over untyped.</remarks>
    private static WireMockServer StartServer(Uri address, RequestRecorder recorder) => WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [address.GetLeftPart(UriPartial.Authority)],
        PreWireMockMiddlewareInit = app =>
        {
            recorder.Install((IApplicationBuilder)app);
            ConnectionFaults.Install((IApplicationBuilder)app);
        },
    });

    /// <summary>WireMock's own free-port pick binds every interface; this one asks the loopback for a port.</summary>
    private static Uri LoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }
}
