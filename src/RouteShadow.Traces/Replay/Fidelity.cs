using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.ControlTrace;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.Replay;

/// <summary>How one engine's prediction compares with what production attempted.</summary>
/// <param name="DivergesAt">The first production attempt the engine does not predict; null when it explains production.</param>
public sealed record EngineFidelity(int? DivergesAt)
{
    /// <summary>True when production's attempts are the start of the engine's list: the engine would have done exactly that.</summary>
    public bool Explains => DivergesAt is null;

    public override string ToString() => Explains ? "explains" : $"diverges@{DivergesAt}";
}

/// <summary>
/// The fidelity check of one replayed request: whether each engine's attempt list explains what
/// production did, and — when production ran its own shadow diff — whether ours agrees with it.
/// When neither engine explains production, the rebuilt state is unsure and the request's
/// comparison is a statement about the rebuilt state, not yet about production.
/// </summary>
public sealed record Fidelity(EngineFidelity Legacy, EngineFidelity Executor, bool? ProductionShadowAgrees)
{
    public bool StateConfirmed => (Legacy.Explains || Executor.Explains) && ProductionShadowAgrees != false;

    /// <summary>
    /// Compares production's attempts (same-upstream retries folded) with each engine's list. An
    /// engine explains production when production's attempts are a prefix of its list — production
    /// stops at the first success — or both are empty.
    /// </summary>
    public static Fidelity Of(IReadOnlyList<ProductionAttempt> production, ShadowReport report, ShadowMismatch? productionShadow) => new(
        Against(production, report.LegacyAttempts),
        Against(production, report.ExecutorAttempts),
        productionShadow is null ? null
            : productionShadow.LegacyAttempts.SequenceEqual(report.LegacyAttempts)
              && productionShadow.ExecutorAttempts.SequenceEqual(report.ExecutorAttempts));

    private static EngineFidelity Against(IReadOnlyList<ProductionAttempt> production, IReadOnlyList<ShadowAttempt> predicted)
    {
        if (production.Count == 0)
        {
            return new EngineFidelity(predicted.Count == 0 ? null : 0);
        }

        for (var i = 0; i < production.Count; i++)
        {
            var actual = production[i];
            if (i >= predicted.Count
                || predicted[i].StationName != actual.Target.Station
                || predicted[i].UpstreamIndex != actual.Target.Index
                || predicted[i].Decision != actual.Decision)
            {
                return new EngineFidelity(i);
            }
        }

        return new EngineFidelity(null);
    }
}
