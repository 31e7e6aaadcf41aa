namespace RouteShadow.Core.Engines.GoModel;

/// <summary>A candidate's label in the pool view, in GoModel's precedence (spec B.3).</summary>
public enum CandidateStatus
{
    Enabled,
    DisabledManual,
    DisabledEffective,
    DegradedRuntime,
}

/// <summary>A pool's label: canonical off, nothing selectable or something unavailable, else enabled.</summary>
public enum PoolStatus
{
    Enabled,
    DisabledManual,
    Degraded,
}

/// <summary>One candidate under the current manual state and runtime.</summary>
public sealed record CandidateEvaluation(PoolCandidate Candidate, bool EffectiveEnabled, RuntimeStatus Runtime, CandidateStatus Status, string Reason)
{
    /// <summary>Enabled by every manual switch and not unhealthy: a degraded provider still serves.</summary>
    public bool Selectable => EffectiveEnabled && Runtime != RuntimeStatus.Unhealthy;
}

/// <summary><c>EvaluatePool</c>: every candidate's eligibility, the selectable ones in declaration order, and the pool's status.</summary>
public sealed record PoolEvaluation(ModelPool Pool, bool CanonicalEnabled, IReadOnlyList<CandidateEvaluation> Candidates)
{
    public IReadOnlyList<PoolCandidate> Selectable => [.. Candidates.Where(c => c.Selectable).Select(c => c.Candidate)];

    /// <summary>An unhealthy but manually enabled candidate still counts as available here, so such a pool reads <c>enabled</c> (CR12).</summary>
    public PoolStatus Status =>
        !CanonicalEnabled ? PoolStatus.DisabledManual
        : Selectable.Count == 0 || Candidates.Any(c => !c.EffectiveEnabled) ? PoolStatus.Degraded
        : PoolStatus.Enabled;

    public static PoolEvaluation Of(ModelPool pool, ManualState manual, IReadOnlyDictionary<string, ProviderRuntime> runtime)
    {
        var canonical = manual.CanonicalEnabled(pool.Canonical);
        return new PoolEvaluation(pool, canonical, [.. pool.Candidates.Select(c => Evaluate(pool, c, canonical, manual, runtime))]);
    }

    private static CandidateEvaluation Evaluate(
        ModelPool pool, PoolCandidate candidate, bool canonical, ManualState manual, IReadOnlyDictionary<string, ProviderRuntime> runtime)
    {
        var candidateOn = manual.CandidateEnabled(pool.Canonical, candidate);
        var providerOn = manual.ProviderEnabled(candidate.Provider);
        var health = ProviderRuntime.StatusOf(runtime, candidate.Provider);
        var (status, reason) = (candidateOn, providerOn, canonical, health) switch
        {
            (false, _, _, _) => (CandidateStatus.DisabledManual, "candidate disabled manually"),
            (_, false, _, _) => (CandidateStatus.DisabledManual, "provider disabled manually"),
            (_, _, false, _) => (CandidateStatus.DisabledEffective, "canonical model disabled manually"),
            (_, _, _, RuntimeStatus.Degraded or RuntimeStatus.Unhealthy) => (CandidateStatus.DegradedRuntime, "provider runtime degraded"),
            _ => (CandidateStatus.Enabled, string.Empty),
        };
        return new CandidateEvaluation(candidate, candidateOn && providerOn && canonical, health, status, reason);
    }
}
