using System.Net.Http.Json;
using System.Text.Json;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Core.World;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Cli.GoModel;

/// <summary>
/// One WireMock server on 127.0.0.1 per <c>provider/model</c> a GoModel scenario can dispatch to,
/// answering its scripted replies in order (the last repeats). The gateway reaches them over real
/// HTTP, and their request logs say which upstream each step actually reached.
/// </summary>
internal sealed class GoModelUpstreams : IDisposable
{
    private readonly UpstreamFarm _farm;
    private readonly HttpClient _http = new();

    private GoModelUpstreams(UpstreamFarm farm, IReadOnlyList<string> targets)
    {
        _farm = farm;
        Targets = targets;
    }

    /// <summary>Every <c>provider/model</c> with a server, sorted.</summary>
    public IReadOnlyList<string> Targets { get; }

    public static GoModelUpstreams Start(GoModelSection section)
    {
        var direct = section.Steps.OfType<RequestStep>().Where(r => r.Provider is not null).Select(r => $"{r.Provider}/{r.Model.Trim()}");
        List<string> targets = [.. section.Config.Pools.SelectMany(p => p.Candidates).Select(c => c.Qualified).Concat(direct).Distinct().Order(StringComparer.Ordinal)];
        var behaviors = targets.Select(t => (IReadOnlyList<UpstreamResponse>)[.. section.Replies.ByCandidate.GetValueOrDefault(t, []).Select(Response)]).ToList();
        var station = new ScenarioStation(new Station("gomodel", [.. targets.Select(t => new Upstream(BaseUrl(t)))]), null, [], behaviors);
        var farm = UpstreamFarm.Start(new Scenario(section.Control.Name, Scenario.DefaultService, new ScenarioRequest(null), [station]));
        return new GoModelUpstreams(farm, targets);
    }

    /// <summary>Sends step <paramref name="step"/>'s request to <paramref name="target"/>'s server: its status, and its body as the error message.</summary>
    public UpstreamReply Call(int step, PoolCandidate target)
    {
        var address = new Uri(_farm.AddressOf(BaseUrl(target.Qualified)), "v1/chat/completions");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = JsonContent.Create(new { model = target.Model, step }) };
        using var response = _http.Send(request);
        using var body = new StreamReader(response.Content.ReadAsStream());
        return new UpstreamReply((int)response.StatusCode, body.ReadToEnd());
    }

    /// <summary>Which targets each step's requests reached, per the servers' own logs, in target order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> ReachedByStep() =>
        Targets.SelectMany(t => _farm.ReceivedBy(BaseUrl(t)).Select(r => (Step: StepOf(r), Target: t)))
            .GroupBy(r => r.Step)
            .ToDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(r => r.Target)]);

    /// <summary>Back to every server's first answer with nothing received, for the next variant.</summary>
    public void Rewind() => _farm.Rewind();

    public void Dispose()
    {
        _http.Dispose();
        _farm.Dispose();
    }

    /// <summary>The farm keys servers by base URL; a target's is a name, never dialled.</summary>
    private static string BaseUrl(string target) => "gomodel://" + target;

    private static UpstreamResponse Response(UpstreamReply reply) =>
        UpstreamResponse.Default with { Status = reply.Status, Body = reply.Succeeded ? UpstreamResponse.Default.Body : reply.Message };

    private static int StepOf(ReceivedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("step").GetInt32();
}
