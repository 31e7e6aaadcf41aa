using System.Net;
using System.Net.Sockets;
using RouteShadow.Core.Scenarios;
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
    private readonly Dictionary<string, (WireMockServer Server, RequestRecorder Recorder)> _servers;

    private UpstreamFarm(Dictionary<string, (WireMockServer, RequestRecorder)> servers) => _servers = servers;

    /// <summary>Starts a server for every upstream; a base_url that appears twice shares the first one's server.</summary>
    public static UpstreamFarm Start(Scenario scenario)
    {
        var servers = new Dictionary<string, (WireMockServer, RequestRecorder)>(StringComparer.Ordinal);
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
                        var server = StartServer(recorder);
                        BehaviorMappings.Apply(server, station.BehaviorOf(i));
                        servers.Add(baseUrl, (server, recorder));
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

    /// <summary>The scenario base_urls, in scenario order.</summary>
    public IReadOnlyCollection<string> BaseUrls => _servers.Keys;

    /// <summary>The address of the server standing in for <paramref name="baseUrl"/>.</summary>
    public Uri AddressOf(string baseUrl) => new(_servers[baseUrl].Server.Url!);

    /// <summary>The requests the server for <paramref name="baseUrl"/> received, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> ReceivedBy(string baseUrl) => _servers[baseUrl].Recorder.Received;

    /// <summary>Back to the first answer with nothing recorded, so a second engine starts from the same upstreams.</summary>
    public void Rewind()
    {
        foreach (var (server, recorder) in _servers.Values)
        {
            server.ResetScenarios();
            server.ResetLogEntries();
            recorder.Clear();
        }
    }

    public void Dispose()
    {
        foreach (var (server, _) in _servers.Values)
        {
            server.Stop();
            server.Dispose();
        }
    }

    /// <remarks>WireMock hands its app builder over untyped.</remarks>
    private static WireMockServer StartServer(RequestRecorder recorder) => WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [$"http://127.0.0.1:{FreeLoopbackPort()}"],
        PreWireMockMiddlewareInit = app =>
        {
            recorder.Install((IApplicationBuilder)app);
            ConnectionFaults.Install((IApplicationBuilder)app);
        },
    });

    /// <summary>WireMock's own free-port pick binds every interface; this one asks the loopback for a port.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
