using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Tests.Support;

/// <summary>Runs a replay over files in a folder and collects its results.</summary>
internal static class Replays
{
    public static (CollectingSink Results, MalformedLines Malformed) Run(
        string requests, string? trace, IReadOnlyList<ProxyConfig> configs, ReplayOptions? options = null)
    {
        var malformed = new MalformedLines();
        var sink = new CollectingSink();
        var input = new ReplayInput(LogFileSet.Resolve(requests), trace is null ? null : LogFileSet.Resolve(trace), configs);
        new ReplayRunner(ShadowRunner.CodexHelper, options ?? new ReplayOptions()).Run(input, malformed, sink, null, CancellationToken.None);
        return (sink, malformed);
    }
}
