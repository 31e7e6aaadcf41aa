using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow;

/// <summary>
/// codex-helper's <c>RouteExecutorShadowReport</c>: both attempt lists and whether they are equal,
/// field for field and in order.
/// </summary>
public sealed record ShadowReport(IReadOnlyList<ShadowAttempt> LegacyAttempts, IReadOnlyList<ShadowAttempt> ExecutorAttempts)
{
    public bool Matches => LegacyAttempts.SequenceEqual(ExecutorAttempts);
}
