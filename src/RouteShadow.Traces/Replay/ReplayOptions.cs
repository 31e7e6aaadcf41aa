using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Replay;

/// <summary>Tuning of a replay.</summary>
public sealed record ReplayOptions
{
    /// <summary>
    /// How far the replay holds requests back to put them in start order (lines are written when
    /// requests end). A request that ran longer than this is reported as late. Default 15 minutes.
    /// </summary>
    public long ReorderWindowMs { get; init; } = 15 * 60 * 1000;

    /// <summary>Longer lines are reported as malformed and skipped.</summary>
    public int MaxLineBytes { get; init; } = LineReader.DefaultMaxLineBytes;
}
