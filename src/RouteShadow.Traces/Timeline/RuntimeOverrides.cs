using RouteShadow.Core.World;
using RouteShadow.Traces.ControlTrace;

namespace RouteShadow.Traces.Timeline;

/// <summary>
/// The admin runtime overrides the trace shows (<c>provider_runtime_override</c>), by base URL, in
/// time order, so a station's upstream list can be filtered as it was at any moment: the station
/// plan drops upstreams disabled or not in the normal state (pinned stations keep draining and
/// half-open ones).
/// </summary>
internal sealed class RuntimeOverrides
{
    private readonly List<(long TsMs, ProviderRuntimeOverride Override)> _history = [];

    public bool IsEmpty => _history.Count == 0;

    public void Add(long tsMs, ProviderRuntimeOverride change) => _history.Add((tsMs, change));

    /// <summary>The upstreams that survive filtering at <paramref name="atMs"/>, in order (filtering renumbers them, as in production).</summary>
    public IReadOnlyList<Upstream> Filter(IReadOnlyList<Upstream> upstreams, long atMs, bool pinned)
    {
        if (_history.Count == 0)
        {
            return upstreams;
        }

        var state = new Dictionary<string, (bool? Enabled, string? RuntimeState)>(StringComparer.Ordinal);
        foreach (var (ts, change) in _history)
        {
            if (ts > atMs)
            {
                break;
            }

            foreach (var url in change.BaseUrls)
            {
                var (enabled, runtime) = state.GetValueOrDefault(url);
                enabled = change.ClearEnabled ? null : change.Enabled ?? enabled;
                runtime = change.ClearRuntimeState ? null : change.RuntimeState ?? runtime;
                state[url] = (enabled, runtime);
            }
        }

        return [.. upstreams.Where(u => !state.TryGetValue(u.BaseUrl, out var s) || Routable(s.Enabled, s.RuntimeState, pinned))];
    }

    private static bool Routable(bool? enabled, string? runtimeState, bool pinned) =>
        enabled != false && (pinned ? runtimeState != "breaker_open" : runtimeState is null or "normal");
}
