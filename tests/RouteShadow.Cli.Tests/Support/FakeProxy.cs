using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace RouteShadow.Cli.Tests.Support;

/// <summary>
/// A stand-in for codex-helper on 127.0.0.1: on each request it reads the config file it was given
/// (so it only works if the written config points at live servers), tries the active station's
/// upstreams in order and answers with the first 2xx, or the last answer.
/// </summary>
internal sealed class FakeProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = RunningApp.Bound };
    private readonly CancellationTokenSource _stop = new();
    private readonly string _configPath;
    private readonly Task _serving;

    public FakeProxy(string configPath)
    {
        _configPath = configPath;
        Url = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.WaitAsync(RunningApp.Bound);
        _listener.Close();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var (status, answer) = (502, "no upstream");
        foreach (var baseUrl in ActiveUpstreams())
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), Target(baseUrl, context.Request.RawUrl ?? "/"))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = await _http.SendAsync(request);
            (status, answer) = ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            if (response.IsSuccessStatusCode)
            {
                break;
            }
        }

        context.Response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(answer);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private List<string> ActiveUpstreams()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(_configPath));
        var codex = config.RootElement.GetProperty("codex");
        var active = codex.GetProperty("stations").GetProperty(codex.GetProperty("active").GetString()!);
        return [.. active.GetProperty("upstreams").EnumerateArray().Select(u => u.GetProperty("base_url").GetString()!)];
    }

    /// <summary>codex-helper's URL rule, enough of it: the base_url, then the client path without the base path.</summary>
    private static Uri Target(string baseUrl, string clientPath)
    {
        var basePath = new Uri(baseUrl).AbsolutePath.TrimEnd('/');
        var path = clientPath.StartsWith(basePath + "/", StringComparison.Ordinal) ? clientPath[basePath.Length..] : clientPath;
        return new Uri(baseUrl.TrimEnd('/') + path);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
