using RouteShadow.Core.ModelRouting;

namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// codex-helper's route-plan executor: picks candidates from a template given runtime health,
/// the affinity policy and the request's avoidance so far. Health and affinity are read from the
/// runtime once, when the executor is made.
/// </summary>
public sealed class RoutePlanExecutor
{
    private readonly RoutePlanRuntimeState _runtime;
    private readonly long _nowMs;
    private readonly UpstreamRuntimeState[] _health;
    private readonly bool[] _isAffinity;
    private readonly List<RouteCandidate> _eligible = [];

    public RoutePlanExecutor(RoutePlanTemplate template, RoutePlanRuntimeState runtime, long nowMs)
    {
        Template = template;
        _runtime = runtime;
        _nowMs = nowMs;
        _health = new UpstreamRuntimeState[template.Candidates.Count];
        _isAffinity = new bool[template.Candidates.Count];
        for (var candidateIndex = 0; candidateIndex < template.Candidates.Count; candidateIndex++)
        {
            var candidate = template.Candidates[candidateIndex];
            _health[candidate.StableIndex] = runtime[candidate.Key];
            _isAffinity[candidate.StableIndex] = runtime.AffinityProviderEndpoint == candidate.Key;
        }
    }

    public RoutePlanTemplate Template { get; }

    /// <summary>
    /// The station path (<c>select_supported_station_candidate_with_runtime_state</c>): candidates of
    /// <paramref name="stationName"/> not yet avoided by index, skipping (and avoiding) those that do
    /// not serve <paramref name="model"/>.
    /// </summary>
    public CandidateSelection SelectStationCandidate(RoutePlanAttemptState state, string stationName, string? model) =>
        Select(state, model, new StationAvoidance(stationName, Template.CandidatesOf(stationName)));

    /// <summary>
    /// The route-graph path (<c>select_supported_candidate_with_runtime_state</c>): every candidate
    /// whose provider-endpoint key is not yet avoided.
    /// </summary>
    public CandidateSelection SelectCandidate(RoutePlanAttemptState state, string? model) =>
        Select(state, model, new ProviderEndpointAvoidance(Template.Candidates));

    /// <summary>Every candidate's reasons to be skipped, in the reference's fixed order; healthy candidates are left out.</summary>
    public IReadOnlyList<(RouteCandidate Candidate, IReadOnlyList<SkipReason> Reasons)> ExplainSkipReasons(string? model)
    {
        var explained = new List<(RouteCandidate, IReadOnlyList<SkipReason>)>();
        foreach (var candidate in Template.Candidates)
        {
            var health = _health[candidate.StableIndex];
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

    private CandidateSelection Select<TAvoidance>(RoutePlanAttemptState state, string? model, TAvoidance avoidance)
        where TAvoidance : IAvoidance
    {
        var total = Template.Candidates.Count;
        List<SkippedCandidate>? skipped = null;
        while (!avoidance.Exhausted(state) && Next(Eligible(state, avoidance)) is { } candidate)
        {
            var selected = Template.SelectedUpstreamFor(candidate);
            if (model is not null && !Supports(candidate, model))
            {
                avoidance.Avoid(state, selected);
                (skipped ??= []).Add(new SkippedCandidate(
                    selected, new SkipReason(SkipReasonKind.UnsupportedModel, model), avoidance.Avoided(state, selected), state.AvoidedTotal, total));
                continue;
            }

            return new CandidateSelection(selected, skipped ?? [], avoidance.Avoided(state, selected), state.AvoidedTotal, total);
        }

        return new CandidateSelection(null, skipped ?? [], avoidance.Avoided(state, null), state.AvoidedTotal, total);
    }

    private List<RouteCandidate> Eligible<TAvoidance>(RoutePlanAttemptState state, TAvoidance avoidance)
        where TAvoidance : IAvoidance
    {
        _eligible.Clear();

        // Indexed rather than foreach: this runs for every selection, and a foreach over the
        // interface allocates an enumerator each time (likewise the engines' walks over stations).
        for (var candidateIndex = 0; candidateIndex < avoidance.Candidates.Count; candidateIndex++)
        {
            var candidate = avoidance.Candidates[candidateIndex];
            if (!avoidance.Avoids(state, candidate))
            {
                _eligible.Add(candidate);
            }
        }

        return _eligible;
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
                return BestGroup(list, requireUsage) is { } group
                    ? Find(list, group, affinityOnly: true, requireUsage) ?? Find(list, group, affinityOnly: false, requireUsage)
                    : null;

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
                return _runtime.AffinityProviderEndpoint is null ? FirstBest(list, requireUsage) : Affinity(list, requireUsage);

            default:
                throw new InvalidOperationException($"Unknown affinity policy {Template.AffinityPolicy}.");
        }
    }

    private RouteCandidate? FirstBest(List<RouteCandidate> list, bool requireUsage) =>
        BestGroup(list, requireUsage) is { } group ? Find(list, group, affinityOnly: false, requireUsage) : null;

    private RouteCandidate? Affinity(List<RouteCandidate> list, bool requireUsage) =>
        Find(list, group: null, affinityOnly: true, requireUsage);

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
        if (Find(list, group: null, affinityOnly: true, requireUsage: null) is not { } affine
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

        if (window == 0 || _runtime.AffinityLastChangedAtMs is not { } changedAt)
        {
            return false;
        }

        var now = (ulong)Math.Max(0, _nowMs);
        return (now > changedAt ? now - changedAt : 0) < window;
    }

    /// <summary>
    /// The first candidate in <paramref name="group"/> (any, when null), only the affinity one when
    /// <paramref name="affinityOnly"/>, that is available for the round (availability not required when null).
    /// </summary>
    private RouteCandidate? Find(List<RouteCandidate> list, int? group, bool affinityOnly, bool? requireUsage)
    {
        foreach (var candidate in list)
        {
            if ((group is null || candidate.PreferenceGroup == group)
                && (!affinityOnly || _isAffinity[candidate.StableIndex])
                && (requireUsage is not { } usage || Available(candidate, usage)))
            {
                return candidate;
            }
        }

        return null;
    }

    private bool Available(RouteCandidate candidate, bool requireUsage) => _health[candidate.StableIndex].Available(requireUsage);

    private static bool Supports(RouteCandidate candidate, string model) =>
        ModelSupport.IsSupported(candidate.Upstream.SupportedModels, candidate.Upstream.ModelMapping, model);

    /// <summary>How one selection path avoids candidates and reports its avoidance.</summary>
    private interface IAvoidance
    {
        IReadOnlyList<RouteCandidate> Candidates { get; }

        bool Exhausted(RoutePlanAttemptState state);

        bool Avoids(RoutePlanAttemptState state, RouteCandidate candidate);

        void Avoid(RoutePlanAttemptState state, SelectedUpstream selected);

        int[] Avoided(RoutePlanAttemptState state, SelectedUpstream? selected);
    }

    /// <summary>The station path: a station's candidates, avoided by (station, index).</summary>
    private readonly struct StationAvoidance(string stationName, IReadOnlyList<RouteCandidate> candidates) : IAvoidance
    {
        public IReadOnlyList<RouteCandidate> Candidates => candidates;

        public bool Exhausted(RoutePlanAttemptState state) => state.StationExhausted(stationName, candidates.Count);

        public bool Avoids(RoutePlanAttemptState state, RouteCandidate candidate) =>
            state.AvoidsUpstream(stationName, RoutePlanTemplate.CompatIndex(candidate));

        public void Avoid(RoutePlanAttemptState state, SelectedUpstream selected) => state.AvoidSelectedUpstream(selected);

        public int[] Avoided(RoutePlanAttemptState state, SelectedUpstream? selected) =>
            state.AvoidForStation(selected?.StationName ?? stationName);
    }

    /// <summary>The route-graph path: every candidate, avoided by provider-endpoint key.</summary>
    private readonly struct ProviderEndpointAvoidance(IReadOnlyList<RouteCandidate> candidates) : IAvoidance
    {
        public IReadOnlyList<RouteCandidate> Candidates => candidates;

        public bool Exhausted(RoutePlanAttemptState state) =>
            candidates.Count > 0 && candidates.All(c => state.AvoidsProviderEndpoint(c.Key));

        public bool Avoids(RoutePlanAttemptState state, RouteCandidate candidate) => state.AvoidsProviderEndpoint(candidate.Key);

        public void Avoid(RoutePlanAttemptState state, SelectedUpstream selected) => state.AvoidProviderEndpoint(selected.Candidate.Key);

        public int[] Avoided(RoutePlanAttemptState state, SelectedUpstream? selected) =>
            [.. candidates.Where(c => state.AvoidsProviderEndpoint(c.Key)).Select(c => c.StableIndex)];
    }
}
