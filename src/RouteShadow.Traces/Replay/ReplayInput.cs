using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Replay;

/// <summary>
/// What a replay reads: the request log (with its rotated files), optionally the control trace,
/// and one or more configs. Several configs are the successive versions of a config that was
/// reloaded: each request is replayed against the first one, starting with the one in use, that
/// agrees with what the trace and the request show.
/// </summary>
public sealed record ReplayInput(LogFileSet Requests, LogFileSet? Trace, IReadOnlyList<ProxyConfig> Configs);

/// <summary>How far a replay has come: requests read and bytes of the request log read, of a total.</summary>
public readonly record struct ReplayProgress(long Requests, long BytesRead, long TotalBytes);
