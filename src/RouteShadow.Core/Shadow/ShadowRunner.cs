using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;

namespace RouteShadow.Core.Shadow;

/// <summary>
/// Runs two engines on one routing question and compares their attempt lists. Both plan from
/// private copies of the same state snapshot at the same instant, so neither sees the other's
/// side effects and the caller's state is never changed.
/// </summary>
/// <remarks>
/// codex-helper's own shadow differs here on purpose: it reads each station's state at a
/// different moment and its runtime bridge re-lays-out the live state. Those timing effects
/// (engines spec D13, D14) and the live write (D5) are not reproduced.
/// </remarks>
public sealed class ShadowRunner
{
    private readonly DivergenceClassifier _classifier;

    /// <param name="legacy">The engine in production today (the control).</param>
    /// <param name="executor">The engine being migrated to (the candidate).</param>
    public ShadowRunner(IRoutingEngine legacy, IRoutingEngine executor)
    {
        Legacy = legacy;
        Executor = executor;
        _classifier = new DivergenceClassifier(q => Legacy.Plan(q).SequenceEqual(Executor.Plan(q)));
    }

    /// <summary>codex-helper's pair at 37c4485: the legacy load balancer against the route-plan executor.</summary>
    public static ShadowRunner CodexHelper { get; } = new(new LegacyEngine(), new ExecutorEngine());

    public IRoutingEngine Legacy { get; }

    public IRoutingEngine Executor { get; }

    public ShadowComparison Compare(RoutingQuestion question)
    {
        try
        {
            var report = new ShadowReport(Legacy.Plan(question), Executor.Plan(question));
            return report.Matches
                ? new ShadowComparison(ShadowVerdict.Match, report, AttemptDiff.None, [])
                : new ShadowComparison(
                    ShadowVerdict.Mismatch,
                    report,
                    AttemptDiff.Between(report.LegacyAttempts, report.ExecutorAttempts),
                    _classifier.Classify(question));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ShadowComparison.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
