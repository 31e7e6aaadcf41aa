using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Tests.Engines.Executor;

/// <summary>
/// The route-plan executor (engines spec §3.3–§3.6): routing_ir.rs rows R23–R36 with hand-built
/// templates, and O2.
/// Not applicable: R1–R18 and R20–R22 need the v4 route-graph compiler; here the templates it would
/// produce are built by hand (each child of an ordered-failover or tag-preferred node is its own
/// preference group; candidates get the synthetic <c>provider_id</c> tag, endpoint <c>default</c>,
/// and no compatibility station).
/// </summary>
public sealed class RoutePlanExecutorTests
{
    [Fact]
    public void SelectCandidate_ShadowOrderWithoutModel_MatchesLegacyFailoverAvoidance() // R23
    {
        var template = V4(AffinityPolicy.PreferredGroup, Provider("backup"), Provider("primary"), Provider("paygo"));

        var executor = ExecutorShadowOrder(template, model: null);

        Assert.Equal(LegacyShadowOrder(template, model: null), executor);
        Assert.Equal(
        [
            "selected routing#0 pid=backup avoid=[] tot=0 N=3 reason=-",
            "selected routing#1 pid=primary avoid=[0] tot=1 N=3 reason=-",
            "selected routing#2 pid=paygo avoid=[0,1] tot=2 N=3 reason=-",
        ], executor);
    }

    [Fact]
    public void SelectCandidate_ShadowOrderWithUnsupportedFirst_MatchesLegacyModelSkip() // R24
    {
        var template = V4(
            AffinityPolicy.PreferredGroup,
            Provider("legacy", supports: ["gpt-4.1"]),
            Provider("mapped", mapping: Some.Map(("gpt-5", "provider-gpt-5"))),
            Provider("fallback"));

        var executor = ExecutorShadowOrder(template, "gpt-5");

        Assert.Equal(LegacyShadowOrder(template, "gpt-5"), executor);
        Assert.Equal(
        [
            "skipped_capability_mismatch routing#0 pid=legacy avoid=[0] tot=1 N=3 reason=unsupported_model",
            "selected routing#1 pid=mapped avoid=[0] tot=1 N=3 reason=-",
            "selected routing#2 pid=fallback avoid=[0,1] tot=2 N=3 reason=-",
        ], executor);
    }

    [Fact]
    public void SelectCandidate_AllUnsupported_SkipsEveryCandidateAndExhaustsTemplate() // R25
    {
        var template = V4(AffinityPolicy.PreferredGroup, Provider("old", supports: ["gpt-4.1"]), Provider("older", supports: ["gpt-4o"]));

        var executor = ExecutorShadowOrder(template, "gpt-5");
        var state = new RoutePlanAttemptState();
        var direct = new RoutePlanExecutor(template, new RoutePlanRuntimeState(), Some.Now).SelectCandidate(state, "gpt-5");

        Assert.Equal(LegacyShadowOrder(template, "gpt-5"), executor);
        Assert.Equal(
        [
            "skipped_capability_mismatch routing#0 pid=old avoid=[0] tot=1 N=2 reason=unsupported_model",
            "skipped_capability_mismatch routing#1 pid=older avoid=[0,1] tot=2 N=2 reason=unsupported_model",
        ], executor);
        Assert.Null(direct.Selected);
        Assert.Equal(2, direct.Skipped.Count);
        Assert.Equal([0, 1], direct.Avoided);
        Assert.True(template.Candidates.All(c => state.AvoidsProviderEndpoint(c.Key)), "route_candidates_exhausted");
    }

    [Fact]
    public void ExplainSkipReasons_EachRuntimeCondition_GivesItsCodeAndSelectionFindsHealthy() // R26
    {
        var template = V4(
            AffinityPolicy.PreferredGroup,
            Provider("unsupported", supports: ["gpt-4.1"]),
            Provider("disabled"),
            Provider("cooldown"),
            Provider("breaker"),
            Provider("usage"),
            Provider("missing-auth"),
            Provider("healthy"));
        var runtime = new RoutePlanRuntimeState
        {
            [KeyOf("disabled")] = new(RuntimeDisabled: true, 0, false, false, false),
            [KeyOf("cooldown")] = new(false, 0, CooldownActive: true, false, false),
            [KeyOf("breaker")] = new(false, FailureCount: 3, false, false, false),
            [KeyOf("usage")] = new(false, 0, false, UsageExhausted: true, false),
            [KeyOf("missing-auth")] = new(false, 0, false, false, MissingAuth: true),
        };
        var executor = new RoutePlanExecutor(template, runtime, Some.Now);

        var explained = executor.ExplainSkipReasons("gpt-5")
            .Select(e => $"{e.Candidate.ProviderId}: {string.Join(",", e.Reasons.Select(r => r.Code))}");
        var selected = executor.SelectCandidate(new RoutePlanAttemptState(), "gpt-5");

        Assert.Equal(
        [
            "unsupported: unsupported_model",
            "disabled: runtime_disabled",
            "cooldown: cooldown",
            "breaker: breaker_open",
            "usage: usage_exhausted",
            "missing-auth: missing_auth",
        ], explained);
        Assert.Equal("healthy", selected.Selected?.Candidate.ProviderId);
    }

    [Fact]
    public void ExplainSkipReasons_CooldownAndOpenBreakerTogether_ReportsOnlyCooldown()
    {
        var template = V4(AffinityPolicy.Off, Provider("both"));
        var runtime = new RoutePlanRuntimeState { [KeyOf("both")] = new(true, 7, true, true, true) };

        var reasons = Assert.Single(new RoutePlanExecutor(template, runtime, Some.Now).ExplainSkipReasons("gpt-5")).Reasons;

        Assert.Equal(["runtime_disabled", "cooldown", "usage_exhausted", "missing_auth"], reasons.Select(r => r.Code));
    }

    [Fact]
    public void SelectCandidate_PreferredGroupWithLowerGroupAffinity_KeepsPreferredGroup() // R27 (tag-preferred), R28 (ordered)
    {
        var template = MonthlyThenChili(AffinityPolicy.PreferredGroup);

        var selected = Select(template, Affine("chili"));

        Assert.Equal([("monthly", 0), ("chili", 1)], template.Candidates.Select(c => (c.ProviderId, c.PreferenceGroup)));
        Assert.Equal("codex/monthly/default", selected?.Candidate.Key.StableKey);
    }

    [Fact]
    public void SelectCandidate_PreferredUsageExhausted_UsesFallbackGroup() // R29
    {
        var runtime = Affine("chili");
        runtime[KeyOf("monthly")] = new(false, 0, false, UsageExhausted: true, false);

        Assert.Equal("codex/chili/default", Select(MonthlyThenChili(AffinityPolicy.PreferredGroup), runtime)?.Candidate.Key.StableKey);
    }

    [Fact]
    public void SelectCandidate_PreferredHardUnavailable_UsesFallbackGroup() // R30
    {
        var runtime = Affine("chili");
        runtime[KeyOf("monthly")] = new(RuntimeDisabled: true, 0, false, false, false);

        Assert.Equal("chili", Select(MonthlyThenChili(AffinityPolicy.PreferredGroup), runtime)?.Candidate.ProviderId);
    }

    [Fact]
    public void SelectCandidate_FallbackStickyWithoutWindows_KeepsLowerGroupAffinity() // R31
    {
        var template = MonthlyThenChili(AffinityPolicy.FallbackSticky);

        Assert.Equal(AffinityPolicy.FallbackSticky, template.AffinityPolicy);
        Assert.Equal("chili", Select(template, Affine("chili"))?.Candidate.ProviderId);
    }

    [Theory]
    [InlineData(null, 1UL)] // R32: reprobe_preferred_after_ms = 1
    [InlineData(1UL, null)] // R33: fallback_ttl_ms = 1
    public void SelectCandidate_FallbackStickyPastWindow_ReprobesPreferred(ulong? fallbackTtlMs, ulong? reprobeAfterMs)
    {
        var template = MonthlyThenChili(AffinityPolicy.FallbackSticky, fallbackTtlMs, reprobeAfterMs);
        var runtime = Affine("chili");
        runtime.AffinityLastSelectedAtMs = Some.Now;
        runtime.AffinityLastChangedAtMs = Some.Now - 2;

        Assert.Equal("monthly", Select(template, runtime)?.Candidate.ProviderId);
    }

    [Fact]
    public void SelectCandidate_FallbackStickyInsideWindow_KeepsAffinity()
    {
        var template = MonthlyThenChili(AffinityPolicy.FallbackSticky, fallbackTtlMs: 10, reprobePreferredAfterMs: 10);
        var runtime = Affine("chili");
        runtime.AffinityLastChangedAtMs = Some.Now - 2;

        Assert.Equal("chili", Select(template, runtime)?.Candidate.ProviderId);
    }

    [Theory]
    [InlineData(0UL, Some.Now - 2)] // a zero window is always closed
    [InlineData(10UL, null)] // no change time: the window counts as closed
    public void SelectCandidate_FallbackStickyWindowClosed_ReprobesPreferred(ulong window, long? changedAt)
    {
        var template = MonthlyThenChili(AffinityPolicy.FallbackSticky, reprobePreferredAfterMs: window);
        var runtime = Affine("chili");
        runtime.AffinityLastChangedAtMs = (ulong?)changedAt;

        Assert.Equal("monthly", Select(template, runtime)?.Candidate.ProviderId);
    }

    [Theory] // R34: the groups are 0 and 1 by the spec's reading; Off ignores affinity either way
    [InlineData(1)]
    [InlineData(0)]
    public void SelectCandidate_OffPolicy_IgnoresAffinity(int secondGroup)
    {
        var template = V4(AffinityPolicy.Off, Provider("monthly-a", billing: "monthly"), Provider("monthly-b", secondGroup, billing: "monthly"));

        Assert.Equal(AffinityPolicy.Off, template.AffinityPolicy);
        Assert.Equal("monthly-a", Select(template, Affine("monthly-b"))?.Candidate.ProviderId);
    }

    [Fact]
    public void SelectCandidate_PreferredGroupAffinityInsideBestGroup_PrefersAffinity()
    {
        var template = V4(AffinityPolicy.PreferredGroup, Provider("monthly-a", 0), Provider("monthly-b", 0));

        Assert.Equal("monthly-b", Select(template, Affine("monthly-b"))?.Candidate.ProviderId);
    }

    [Fact]
    public void SelectCandidate_HardPolicyAffinityUnavailable_SelectsNothing() // R35
    {
        var template = MonthlyThenChili(AffinityPolicy.Hard);
        var runtime = Affine("chili");
        runtime[KeyOf("chili")] = new(RuntimeDisabled: true, 0, false, false, false);

        Assert.Equal(AffinityPolicy.Hard, template.AffinityPolicy);
        Assert.Null(Select(template, runtime));
    }

    [Fact]
    public void SelectCandidate_HardPolicyWithoutAffinity_FallsBackToFirstBest()
    {
        Assert.Equal("monthly", Select(MonthlyThenChili(AffinityPolicy.Hard), new RoutePlanRuntimeState())?.Candidate.ProviderId);
    }

    [Fact]
    public void SelectCandidate_CallerDoesNotAvoid_ReturnsSameCandidateUntilAvoided() // R36
    {
        var template = V4(AffinityPolicy.PreferredGroup, Provider("first"), Provider("second"));
        var executor = new RoutePlanExecutor(template, new RoutePlanRuntimeState(), Some.Now);
        var state = new RoutePlanAttemptState();

        var once = executor.SelectCandidate(state, null).Selected!;
        var twice = executor.SelectCandidate(state, null).Selected!;
        var avoided = state.AvoidProviderEndpoint(twice.Candidate.Key);
        var next = executor.SelectCandidate(state, null);

        Assert.Equal(("first", "first"), (once.Candidate.ProviderId, twice.Candidate.ProviderId));
        Assert.True(avoided);
        Assert.Equal("second", next.Selected?.Candidate.ProviderId);
        Assert.Equal([0], next.Avoided);
    }

    [Fact]
    public void SelectStationCandidate_UnknownStation_SelectsNothingAndSkipsNothing() // O2
    {
        var station = Some.Station("s", "https://a/v1", "https://b/v1");
        var executor = new RoutePlanExecutor(RoutePlanTemplate.CompileLegacy("codex", [station]), new RoutePlanRuntimeState(), Some.Now);
        var state = new RoutePlanAttemptState();

        var unknown = executor.SelectStationCandidate(state, "nope", null);
        var first = executor.SelectStationCandidate(state, "s", null);
        var again = executor.SelectStationCandidate(state, "s", null);

        Assert.Null(unknown.Selected);
        Assert.Empty(unknown.Skipped);
        Assert.Empty(unknown.Avoided);
        Assert.Equal(2, unknown.TotalUpstreams);
        Assert.Equal(0, first.Selected?.Index);
        Assert.Equal(first.Selected?.Index, again.Selected?.Index);
        Assert.Equal(0, state.AvoidedTotal);
    }

    [Fact]
    public void SelectStationCandidate_UnsupportedModel_AvoidsSkipAfterInsertAndReportsSelectBeforeInsert()
    {
        var station = Some.Station("s", Some.Upstream("https://a/v1", supports: ["gpt-4"]), Some.Upstream("https://b/v1"));
        var executor = new RoutePlanExecutor(RoutePlanTemplate.CompileLegacy("codex", [station]), new RoutePlanRuntimeState(), Some.Now);
        var state = new RoutePlanAttemptState();

        var result = executor.SelectStationCandidate(state, "s", "gpt-5");

        var skip = Assert.Single(result.Skipped);
        Assert.Equal(("s", 0, "unsupported_model", "gpt-5"), (skip.Upstream.StationName, skip.Upstream.Index, skip.Reason.Code, skip.Reason.RequestedModel));
        Assert.Equal([0], skip.Avoided);
        Assert.Equal(1, skip.AvoidedTotal);
        Assert.Equal(1, result.Selected?.Index);
        Assert.Equal([0], result.Avoided);
        Assert.Equal((1, 2), (result.AvoidedTotal, result.TotalUpstreams));
        Assert.False(state.AvoidsUpstream("s", 1));
    }

    [Fact]
    public void SelectStationCandidate_AffinityUsageExhausted_StillPreferredInRoundTwo()
    {
        var station = Some.Station("s", "https://a/v1", "https://b/v1");
        var template = RoutePlanTemplate.CompileLegacy("codex", [station]);
        var runtime = new RoutePlanRuntimeState
        {
            [template.Candidates[0].Key] = new(false, 0, false, UsageExhausted: true, false),
            [template.Candidates[1].Key] = new(false, 0, false, UsageExhausted: true, false),
        };
        runtime.SetAffinity(template.Candidates[1].Key);

        var selected = new RoutePlanExecutor(template, runtime, Some.Now).SelectStationCandidate(new RoutePlanAttemptState(), "s", null);

        Assert.Equal(1, selected.Selected?.Index);
    }

    private static RouteCandidate Provider(
        string name, int? group = null, string[]? supports = null, IReadOnlyDictionary<string, string>? mapping = null, string? billing = null) =>
        new(
            KeyOf(name),
            Some.Upstream($"https://{name}.example/v1", providerId: name, supports: supports, mapping: mapping, tags: billing is null ? null : Some.Map(("billing", billing))),
            ["main", name],
            group ?? -1,
            -1,
            null,
            null);

    /// <summary>A v4-shaped template: stable indices in order; a child without a group gets its position (ordered failover).</summary>
    private static RoutePlanTemplate V4(AffinityPolicy policy, params RouteCandidate[] candidates) => V4(policy, null, null, candidates);

    private static RoutePlanTemplate V4(AffinityPolicy policy, ulong? fallbackTtlMs, ulong? reprobePreferredAfterMs, params RouteCandidate[] candidates) =>
        new(
            Some.Service,
            "main",
            policy,
            [.. candidates.Select((c, i) => c with { StableIndex = i, PreferenceGroup = c.PreferenceGroup < 0 ? i : c.PreferenceGroup })],
            fallbackTtlMs: fallbackTtlMs,
            reprobePreferredAfterMs: reprobePreferredAfterMs);

    /// <summary>tag_preferred [chili, monthly] prefer billing=monthly (or ordered [monthly, chili]): monthly group 0, chili group 1.</summary>
    private static RoutePlanTemplate MonthlyThenChili(AffinityPolicy policy, ulong? fallbackTtlMs = null, ulong? reprobePreferredAfterMs = null) =>
        V4(policy, fallbackTtlMs, reprobePreferredAfterMs, Provider("monthly", billing: "monthly"), Provider("chili", billing: "paygo"));

    private static ProviderEndpointKey KeyOf(string provider) => new(Some.Service, provider, "default");

    private static RoutePlanRuntimeState Affine(string provider)
    {
        var runtime = new RoutePlanRuntimeState();
        runtime.SetAffinity(KeyOf(provider));
        return runtime;
    }

    private static SelectedUpstream? Select(RoutePlanTemplate template, RoutePlanRuntimeState runtime) =>
        new RoutePlanExecutor(template, runtime, Some.Now).SelectCandidate(new RoutePlanAttemptState(), null).Selected;

    /// <summary>
    /// routing_ir's <c>executor_shadow_attempt_order_signatures</c>: the global
    /// <c>select_supported_candidate</c> (no runtime state) until the template is exhausted,
    /// avoiding each selected candidate's key.
    /// </summary>
    private static List<string> ExecutorShadowOrder(RoutePlanTemplate template, string? model)
    {
        var executor = new RoutePlanExecutor(template, new RoutePlanRuntimeState(), Some.Now);
        var state = new RoutePlanAttemptState();
        var events = new List<string>();
        while (!template.Candidates.All(c => state.AvoidsProviderEndpoint(c.Key)))
        {
            var result = executor.SelectCandidate(state, model);
            events.AddRange(result.Skipped.Select(s => Event(AttemptDecision.SkippedCapabilityMismatch, s.Upstream, s.Avoided, s.AvoidedTotal, s.TotalUpstreams, s.Reason.Code)));
            if (result.Selected is not { } selected)
            {
                break;
            }

            events.Add(Event(AttemptDecision.Selected, selected, result.Avoided, result.AvoidedTotal, result.TotalUpstreams, null));
            state.AvoidProviderEndpoint(selected.Candidate.Key);
        }

        return events;
    }

    /// <summary>
    /// routing_ir's <c>legacy_shadow_attempt_order_signatures</c>: the template compiled to runtime
    /// (one station <c>routing</c>, each upstream tagged with its candidate's tags plus <c>endpoint_id</c>)
    /// and walked by the legacy shadow loop.
    /// </summary>
    private static List<string> LegacyShadowOrder(RoutePlanTemplate template, string? model)
    {
        var upstreams = template.Candidates.Select(c =>
        {
            var tags = new Dictionary<string, string>(c.Upstream.Tags, StringComparer.Ordinal) { ["endpoint_id"] = c.EndpointId };
            return new Upstream(c.Upstream.BaseUrl, tags, c.Upstream.SupportedModels, c.Upstream.ModelMapping);
        });
        var attempts = new LegacyEngine().Plan(Some.Question([new Station("routing", [.. upstreams])], model: model));
        return [.. attempts.Select(a => Event(a.Decision, a.StationName, a.UpstreamIndex, a.ProviderId, a.AvoidForStation, a.AvoidedTotal, a.TotalUpstreams, a.Reason))];
    }

    private static string Event(AttemptDecision decision, SelectedUpstream upstream, IReadOnlyList<int> avoid, int tot, int n, string? reason) =>
        Event(decision, upstream.StationName, upstream.Index, upstream.Candidate.Upstream.ProviderIdTag, avoid, tot, n, reason);

    private static string Event(
        AttemptDecision decision, string station, int index, string? providerId, IReadOnlyList<int> avoid, int tot, int n, string? reason) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{AttemptFields.Wire(decision)} {station}#{index} pid={providerId ?? "-"} avoid=[{string.Join(",", avoid)}] tot={tot} N={n} reason={reason ?? "-"}");
}
