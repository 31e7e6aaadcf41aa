using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow;

/// <summary>The outcome of one comparison, stated explicitly rather than folded into one boolean.</summary>
public enum ShadowVerdict
{
    /// <summary>Both engines returned the same attempts, field for field.</summary>
    Match,

    /// <summary>The attempt lists differ; see the diff and classes.</summary>
    Mismatch,

    /// <summary>An engine threw: a bug in the harness, never hidden as a match or mismatch.</summary>
    EngineError,
}

/// <summary>One shadow comparison: the report, its diff and divergence classes, and the verdict.</summary>
public sealed record ShadowComparison(
    ShadowVerdict Verdict,
    ShadowReport Report,
    AttemptDiff Diff,
    IReadOnlyList<DivergenceClass> Classes,
    string? Error = null)
{
    public static ShadowComparison Failed(string error) =>
        new(ShadowVerdict.EngineError, new ShadowReport([], []), AttemptDiff.None, [], error);
}
