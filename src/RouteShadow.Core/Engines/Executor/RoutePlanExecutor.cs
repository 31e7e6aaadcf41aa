using RouteShadow.Core.ModelRouting;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// codex-helper's route-plan executor: picks candidates from a template given runtime health,
/// the affinity policy and the request's avoidance so far.
/// </summary>
public sealed class RoutePlanExecutor(RoutePlanTemplate template, RoutePlanRuntimeState runtime, long nowMs)
{
    public RoutePlanTemplate Template { get; } = template;

    /// <summary>
    /// The station path (<c>select_supported_station_candidate_with_runtime_state</c>): candidates of
    /// <paramref name="stationName"/> not yet avoided by index, skipping (and avoiding) those that do
    /// not serve <paramref name="model"/>.
    /// </summary>
    public CandidateSelection SelectStationCandidate(RoutePlanAttemptState state, string stationName, string? model)
    {
        var candidates = Template.CandidatesOf(stationName);
        return Select(
            state,
            model,
            exhausted: () => state.StationExhausted(stationName, candidates.Count),
            eligible: () => Unavoided(candidates, c => state.AvoidsUpstream(stationName, RoutePlanTemplate.CompatIndex(c))),
            avoid: selected => state.AvoidSelectedUpstream(selected),
            avoided: selected => state.AvoidForStation(selected?.StationName ?? stationName));
    }

    /// <summary>
    /// The route-graph path (<c>select_supported_candidate_with_runtime_state</c>): every candidate
    /// whose provider-endpoint key is not yet avoided.
    /// </summary>
    public CandidateSelection SelectCandidate(RoutePlanAttemptState state, string? model) =>
        Select(
            state,
            model,
            exhausted: () => Template.Candidates.Count > 0 && Template.Candidates.All(c => state.AvoidsProviderEndpoint(c.Key)),
            eligible: () => Unavoided(Template.Candidates, c => state.AvoidsProviderEndpoint(c.Key)),
            avoid: selected => state.AvoidProviderEndpoint(selected.Candidate.Key),
            avoided: _ => AvoidedCandidateIndices(state));

    /// <summary>Every candidate's reasons to be skipped, in the reference's fixed order; healthy candidates are left out.</summary>
    public IReadOnlyList<(RouteCandidate Candidate, IReadOnlyList<SkipReason> Reasons)> ExplainSkipReasons(string? model)
    {
        var explained = new List<(RouteCandidate, IReadOnlyList<SkipReason>)>();
        foreach (var candidate in Template.Candidates)
        {
            var health = runtime[candidate.Key];
            var reasons = new List<SkipReason>();
            if (model is not null && !Supports(candidate, model))
            {
                reasons.Add(new SkipReason(SkipReasonKind.UnsupportedModel, model));
            }

            if (health.RuntimeDisabled)
            {
                reasons.Add(new SkipReason(SkipReasonKind.RuntimeDisabled));
            }

            if (health.CooldownActive)
            {
                reasons.Add(new SkipReason(SkipReasonKind.Cooldown));
            }
            else if (health.FailureCount >= LoadBalancing.LoadBalancerConstants.FailureThreshold)
            {
                reasons.Add(new SkipReason(SkipReasonKind.BreakerOpen, FailureCount: health.FailureCount));
            }

            if (health.UsageExhausted)
            {
                reasons.Add(new SkipReason(SkipReasonKind.UsageExhausted));
            }

            if (health.MissingAuth)
            {
                reasons.Add(new SkipReason(SkipReasonKind.MissingAuth));
            }

            if (reasons.Count > 0)
            {
                explained.Add((candidate, reasons));
            }
        }

        return explained;
    }

    private CandidateSelection Select(
        RoutePlanAttemptState state,
        string? model,
        Func<bool> exhausted,
        Func<List<RouteCandidate>> eligible,
        Func<SelectedUpstream, bool> avoid,
        Func<SelectedUpstream?, int[]> avoided)
    {
        var total = Template.Candidates.Count;
        var skipped = new List<SkippedCandidate>();
        while (!exhausted() && Next(eligible()) is { } candidate)
        {
            var selected = Template.SelectedUpstreamFor(candidate);
            if (model is not null && !Supports(candidate, model))
            {
                avoid(selected);
                skipped.Add(new SkippedCandidate(
                    selected, new SkipReason(SkipReasonKind.UnsupportedModel, model), avoided(selected), state.AvoidedTotal, total));
                continue;
            }

            return new CandidateSelection(selected, skipped, avoided(selected), state.AvoidedTotal, total);
        }

        return new CandidateSelection(null, skipped, avoided(null), state.AvoidedTotal, total);
    }

    /// <summary>Two rounds: a candidate with usage left, else any that is not hard-unavailable.</summary>
    private RouteCandidate? Next(List<RouteCandidate> list) =>
        BestByAffinityPolicy(list, requireUsage: true) ?? BestByAffinityPolicy(list, requireUsage: false);

    private RouteCandidate? BestByAffinityPolicy(List<RouteCandidate> list, bool requireUsage)
    {
        switch (Template.AffinityPolicy)
        {
            case AffinityPolicy.Off:
                return FirstBest(list, requireUsage);

            case AffinityPolicy.PreferredGroup:
                if (BestGroup(list, requireUsage) is not { } group)
                {
                    return null;
                }

                return (runtime.AffinityProviderEndpoint is { } key
                           ? list.Find(c => c.PreferenceGroup == group && c.Key == key && Available(c, requireUsage))
                           : null)
                       ?? list.Find(c => c.PreferenceGroup == group && Available(c, requireUsage));

            case AffinityPolicy.FallbackSticky:
                var affine = Affinity(list, requireUsage);
                if (affine is null)
                {
                    return FirstBest(list, requireUsage);
                }

                var best = FirstBest(list, requireUsage);
                return WithinReprobeWindows(list) || best is null || best.PreferenceGroup >= affine.PreferenceGroup
                    ? affine
                    : best;

            case AffinityPolicy.Hard:
                return runtime.AffinityProviderEndpoint is null ? FirstBest(list, requireUsage) : Affinity(list, requireUsage);

            default:
                throw new InvalidOperationException($"Unknown affinity policy {Template.AffinityPolicy}.");
        }
    }

    private RouteCandidate? FirstBest(List<RouteCandidate> list, bool requireUsage) =>
        BestGroup(list, requireUsage) is { } group
            ? list.Find(c => c.PreferenceGroup == group && Available(c, requireUsage))
            : null;

    private RouteCandidate? Affinity(List<RouteCandidate> list, bool requireUsage) =>
        runtime.AffinityProviderEndpoint is { } key ? list.Find(c => c.Key == key && Available(c, requireUsage)) : null;

    private int? BestGroup(List<RouteCandidate> list, bool requireUsage)
    {
        int? group = null;
        foreach (var candidate in list)
        {
            if (Available(candidate, requireUsage) && (group is null || candidate.PreferenceGroup < group))
            {
                group = candidate.PreferenceGroup;
            }
        }

        return group;
    }

    /// <summary>
    /// May a fallback-sticky affinity in a worse group be kept? Yes when it is not in a worse group
    /// (usage ignored here), else only while both windows, measured from the last affinity change, are open.
    /// </summary>
    private bool WithinReprobeWindows(List<RouteCandidate> list)
    {
        if (runtime.AffinityProviderEndpoint is not { } key
            || list.Find(c => c.Key == key) is not { } affine
            || BestGroup(list, requireUsage: false) is not { } bestGroup
            || affine.PreferenceGroup <= bestGroup)
        {
            return true;
        }

        return WithinWindow(Template.FallbackTtlMs) && WithinWindow(Template.ReprobePreferredAfterMs);
    }

    private bool WithinWindow(ulong? windowMs)
    {
        if (windowMs is not { } window)
        {
            return true;
        }

        if (window == 0 || runtime.AffinityLastChangedAtMs is not { } changedAt)
        {
            return false;
        }

        var now = (ulong)Math.Max(0, nowMs);
        return (now > changedAt ? now - changedAt : 0) < window;
    }

    private bool Available(RouteCandidate candidate, bool requireUsage) => runtime[candidate.Key].Available(requireUsage);

    private static bool Supports(RouteCandidate candidate, string model) =>
        ModelSupport.IsSupported(candidate.Upstream.SupportedModels, candidate.Upstream.ModelMapping, model);

    private static List<RouteCandidate> Unavoided(IReadOnlyList<RouteCandidate> candidates, Func<RouteCandidate, bool> avoided)
    {
        var list = new List<RouteCandidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!avoided(candidate))
            {
                list.Add(candidate);
            }
        }

        return list;
    }

    private int[] AvoidedCandidateIndices(RoutePlanAttemptState state) =>
        [.. Template.Candidates.Where(c => state.AvoidsProviderEndpoint(c.Key)).Select(c => c.StableIndex)];
}
