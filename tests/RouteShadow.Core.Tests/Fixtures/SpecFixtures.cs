using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;
using RouteShadow.Core.World;
using static RouteShadow.Core.Tests.Support.Attempts;

namespace RouteShadow.Core.Tests.Fixtures;

/// <summary>One spec row as a scenario with the spec's expected report: written to <c>fixtures/spec/</c>.</summary>
internal sealed record SpecFixture(string Id, string FileName, Scenario Scenario)
{
    public override string ToString() => Id;
}

/// <summary>
/// The engines spec's derived fixtures (§9.6: S01–S14 but S11) and the shadow rows SH1–SH8 (§9.4:
/// SH3 is historical and has SH4's inputs, so only SH4 is kept) as <c>routeshadow/scenario@1</c>
/// scenarios. Every expected attempt is the spec's value, written in its notation.
/// S11 (a repeated station name) cannot be a scenario: the format rejects duplicate names.
/// </summary>
internal static class SpecFixtures
{
    public static IReadOnlyList<SpecFixture> All { get; } = Build();

    public static SpecFixture Get(string id) => All.Single(f => f.Id == id);

    private static List<SpecFixture> Build()
    {
        var fixtures = new List<SpecFixture>();
        void Add(string id, string slug, string name, string? model, ScenarioStation[] stations, ShadowAttempt[] legacy, ShadowAttempt[] executor, params DivergenceClass[] classes)
        {
            var expect = new ScenarioExpectation(new ShadowReport(legacy, executor), classes.Length == 0 ? null : classes);
            var scenario = new Scenario($"{id}: {name}", Some.Service, new ScenarioRequest(model), stations, expect);
            fixtures.Add(new SpecFixture(id, $"{id.ToLowerInvariant()}-{slug}.json", scenario));
        }

        // S01
        {
            var routing = Some.Station("routing", "https://a/v1", "https://b/v1");
            Add("S01", "exhausted-sticky-round-two", "all usage-exhausted; legacy round two ignores the sticky upstream, the executor keeps its affinity", null,
                [At(routing, State(exhausted: [true, true]), Success(1))],
                [Sel(routing, 0, [], 0, 2), Sel(routing, 1, [0], 1, 2)],
                [Sel(routing, 1, [], 0, 2), Sel(routing, 0, [1], 1, 2)],
                DivergenceClass.ExhaustedStickyUpstream);
        }

        // S02, S02b
        {
            var alpha = Some.Station("alpha", "https://a0/v1", "https://a1/v1");
            var beta = Some.Station("beta", "https://b0/v1", "https://b1/v1");
            Add("S02", "multi-station-sticky", "two stations with a last-good upstream; the executor's single affinity is alpha's", null,
                [At(alpha, null, Success(1)), At(beta, null, Success(1))],
                [Sel(alpha, 1, [], 0, 4), Sel(alpha, 0, [1], 1, 4), Sel(beta, 1, [], 2, 4), Sel(beta, 0, [1], 3, 4)],
                [Sel(alpha, 1, [], 0, 4), Sel(alpha, 0, [1], 1, 4), Sel(beta, 0, [], 2, 4), Sel(beta, 1, [0], 3, 4)],
                DivergenceClass.MultiStationSticky);
            ShadowAttempt[] same = [Sel(alpha, 0, [], 0, 4), Sel(alpha, 1, [0], 1, 4), Sel(beta, 1, [], 2, 4), Sel(beta, 0, [1], 3, 4)];
            Add("S02b", "sticky-only-in-later-station-matches", "only the later station has a last-good upstream: it becomes the affinity and both engines agree", null,
                [At(alpha, null), At(beta, null, Success(1))], same, same);
        }

        // S03, S03b
        {
            var alpha = Some.Station("alpha", Some.Upstream("https://a0/v1", providerId: "x"));
            var beta = Some.Station("beta", Some.Upstream("https://b0/v1", providerId: "x"));
            Add("S03", "cross-station-key-collision-healthy-overwrites-penalized", "alpha and beta share the key codex/x/0; beta's healthy state overwrites penalized alpha's", null,
                [At(alpha, null, Penalize(0)), At(beta, null)],
                [Sel(beta, 0, [], 0, 2)],
                [Sel(alpha, 0, [], 0, 2), Sel(beta, 0, [], 1, 2)],
                DivergenceClass.CrossStationKeyCollision);
            Add("S03b", "cross-station-key-collision-penalized-hides-healthy", "alpha and beta share the key codex/x/0; penalized beta's state hides healthy alpha", null,
                [At(alpha, null), At(beta, null, Penalize(0))],
                [Sel(alpha, 0, [], 0, 2)],
                [],
                DivergenceClass.CrossStationKeyCollision);
        }

        // S04, S04b
        {
            var a = Some.Upstream("https://a/v1", "x", "e");
            var b = Some.Upstream("https://b/v1", "x", "e");
            var routing = Some.Station("routing", a, b);
            Add("S04", "in-station-key-collision-last-write-wins", "two upstreams of one station share the key codex/x/e; the healthy later one hides the penalty", null,
                [At(routing, null, Penalize(0))],
                [Sel(routing, 1, [], 0, 2)],
                [Sel(routing, 0, [], 0, 2), Sel(routing, 1, [0], 1, 2)],
                DivergenceClass.InStationKeyCollision);
            var three = Some.Station("routing", a, b, Some.Upstream("https://c/v1"));
            Add("S04b", "in-station-key-collision-affinity-matches-first", "last good is index 1, whose key codex/x/e the executor's affinity finds first at index 0", null,
                [At(three, null, Success(1))],
                [Sel(three, 1, [], 0, 3), Sel(three, 0, [1], 1, 3), Sel(three, 2, [0, 1], 2, 3)],
                [Sel(three, 0, [], 0, 3), Sel(three, 1, [0], 1, 3), Sel(three, 2, [0, 1], 2, 3)],
                DivergenceClass.InStationKeyCollision);
        }

        // S05
        {
            var routing = Some.Station("routing", Some.Upstream("https://a/v1", "x", "e"), Some.Upstream("https://a/v1", "x", "e"));
            ShadowAttempt[] same = [Sel(routing, 0, [], 0, 2), Sel(routing, 1, [0], 1, 2)];
            Add("S05", "duplicate-signature-is-stateless", "a duplicate layout signature wipes the state on every call, so the penalty is forgotten by both", null,
                [At(routing, null, Penalize(0))], same, same);
        }

        // S06, S07
        {
            var routing = Some.Station("routing", "https://a/v1", "https://b/v1");
            Add("S06", "cooldown-below-threshold", "an active cooldown with one failure: legacy judges by the count, the executor's breaker opens", null,
                [At(routing, State(counts: [1, 0], cooldowns: [60_000, null]))],
                [Sel(routing, 0, [], 0, 2), Sel(routing, 1, [0], 1, 2)],
                [Sel(routing, 1, [], 0, 2)],
                DivergenceClass.CooldownBelowThreshold);
            ShadowAttempt[] same = [Sel(routing, 1, [], 0, 2)];
            Add("S07", "threshold-without-cooldown-blocks-both", "three failures and no cooldown block the upstream in both engines", null,
                [At(routing, State(counts: [3, 0]))], same, same);
        }

        // S08, S09
        {
            var routing = Some.Station(
                "routing",
                Some.Upstream("https://a/v1", supports: ["gpt-5"]),
                Some.Upstream("https://b/v1", supports: ["gpt-4"]),
                Some.Upstream("https://c/v1"));
            ShadowAttempt[] s08 = [Skip(routing, 1, [1], 1, 3), Sel(routing, 2, [1], 1, 3), Sel(routing, 0, [1, 2], 2, 3)];
            Add("S08", "model-skip-with-usage-exhaustion-rounds", "a model skip in round one, then the usage-exhausted upstream in round two", "gpt-5",
                [At(routing, State(exhausted: [true, false, false]))], s08, s08);
            ShadowAttempt[] s09 = [Skip(routing, 1, [1], 1, 3), Sel(routing, 0, [1], 1, 3), Sel(routing, 2, [0, 1], 2, 3)];
            Add("S09", "model-skip-on-sticky-upstream", "the sticky upstream does not serve the model: skipped, then the first healthy one", "gpt-5",
                [At(routing, null, Success(1))], s09, s09);
        }

        // S10
        {
            var alpha = Some.Station("alpha", Some.Upstream("https://a0/v1", supports: ["gpt-4"]), Some.Upstream("https://a1/v1"));
            var beta = Some.Station("beta", Some.Upstream("https://b0/v1", "p", "default"), Some.Upstream("https://b1/v1"));
            ShadowAttempt[] same = [Skip(alpha, 0, [0], 1, 4), Sel(alpha, 1, [0], 1, 4), Sel(beta, 1, [], 2, 4)];
            Add("S10", "model-skip-across-stations", "per-station avoid lists with a global total, through a skip and a penalized upstream", "gpt-5",
                [At(alpha, null), At(beta, null, Penalize(0))], same, same);
        }

        // S12
        {
            var alpha = Some.Station("alpha", "https://a0/v1");
            var beta = Some.Station("beta", Some.Upstream("https://b0/v1", providerId: "alpha#0"));
            ShadowAttempt[] same = [Sel(alpha, 0, [], 0, 2), Sel(beta, 0, [], 1, 2)];
            Add("S12", "default-id-collides-with-tag-both-selectable", "alpha's default key alpha#0/0 equals beta's tagged key; the states differ but both stay selectable", null,
                [At(alpha, null, Failure(0)), At(beta, null, Success(0))], same, same);
        }

        // S13
        {
            var alpha = Some.EmptyStation("alpha");
            var beta = Some.Station("beta", "https://b0/v1");
            ShadowAttempt[] same = [Sel(beta, 0, [], 0, 1)];
            Add("S13", "empty-station", "a station with no upstreams contributes no attempts", null,
                [At(alpha, null), At(beta, null)], same, same);
        }

        // S14
        {
            var routing = Some.Station("routing", "https://a/v1", "https://b/v1");
            Add("S14", "all-penalized-strict-gives-nothing", "every upstream penalized: the strict shadow selector gives no attempt on either side", null,
                [At(routing, null, Penalize(0), Penalize(1))], [], []);
        }

        // SH1
        {
            var routing = Some.Station("routing", ShadowUpstream("https://old.example/v1", "old", "gpt-4.1"), ShadowUpstream("https://new.example/v1", "new", "gpt-5"));
            ShadowAttempt[] same = [Skip(routing, 0, [0], 1, 2), Sel(routing, 1, [0], 1, 2)];
            Add("SH1", "model-skip-then-failover", "shadow_report_matches_legacy_for_model_skip_and_failover_order", "gpt-5",
                [At(routing, null)], same, same);
        }

        // SH2
        {
            var alpha = Some.Station("alpha", ShadowUpstream("https://alpha.example/v1", "alpha"));
            var beta = Some.Station("beta", ShadowUpstream("https://beta-one.example/v1", "beta-one"), ShadowUpstream("https://beta-two.example/v1", "beta-two"));
            ShadowAttempt[] same = [Sel(alpha, 0, [], 0, 3), Sel(beta, 0, [], 1, 3), Sel(beta, 1, [0], 2, 3)];
            Add("SH2", "station-scoped-avoid-indices", "shadow_report_keeps_station_scoped_avoid_indices", null,
                [At(alpha, null), At(beta, null)], same, same);
        }

        // SH4 (and SH3's inputs at 37c4485)
        {
            var routing = Some.Station("routing", ShadowUpstream("https://primary.example/v1", "primary"), ShadowUpstream("https://sticky.example/v1", "sticky"));
            ShadowAttempt[] same = [Sel(routing, 1, [], 0, 2), Sel(routing, 0, [1], 1, 2)];
            Add("SH4", "last-good-sticky", "shadow_report_matches_last_good_state_without_mutating_real_state", null,
                [At(routing, null, Success(1))], same, same);
        }

        // SH5
        {
            var routing = Some.Station("routing", ShadowUpstream("https://cooldown.example/v1", "cooldown"), ShadowUpstream("https://ready.example/v1", "ready"));
            ShadowAttempt[] same = [Sel(routing, 1, [], 0, 2)];
            Add("SH5", "cooldown-state", "shadow_report_matches_cooldown_state_without_mutating_real_state", null,
                [At(routing, null, Penalize(0, "test"))], same, same);
        }

        // SH6
        {
            var alpha = Some.Station("alpha", ShadowUpstream("https://alpha.example/v1", "alpha"));
            var beta = Some.Station("beta", ShadowUpstream("https://beta.example/v1", "beta"));
            ShadowAttempt[] same = [Sel(beta, 0, [], 0, 2)];
            Add("SH6", "exhausted-station-continues-to-next", "shadow_report_skips_exhausted_station_and_continues_to_next_station", null,
                [At(alpha, null, Penalize(0, "test")), At(beta, null)], same, same);
        }

        // SH7, SH8
        {
            var limited = Some.Station("routing", ShadowUpstream("https://limited.example/v1", "limited"), ShadowUpstream("https://available.example/v1", "available"));
            ShadowAttempt[] sh7 = [Sel(limited, 1, [], 0, 2), Sel(limited, 0, [1], 1, 2)];
            Add("SH7", "usage-exhaustion-fallback", "shadow_report_matches_usage_exhaustion_fallback_state", null,
                [At(limited, State(exhausted: [true, false]))], sh7, sh7);
            var both = Some.Station("routing", ShadowUpstream("https://limited-one.example/v1", "limited-one"), ShadowUpstream("https://limited-two.example/v1", "limited-two"));
            ShadowAttempt[] sh8 = [Sel(both, 0, [], 0, 2), Sel(both, 1, [0], 1, 2)];
            Add("SH8", "all-usage-exhausted-second-round", "shadow_report_matches_all_usage_exhausted_second_round_fallback", null,
                [At(both, State(exhausted: [true, true]))], sh8, sh8);
        }

        return fixtures;
    }

    /// <summary>The shadow tests' <c>upstream(url, pid, models)</c>: tag provider_id only, models supported.</summary>
    private static Upstream ShadowUpstream(string url, string providerId, params string[] models) =>
        Some.Upstream(url, providerId: providerId, supports: models);

    private static ScenarioStation At(Station station, ScenarioState? state, params ScenarioEvent[] events) => new(station, state, events);

    private static ScenarioState State(uint[]? counts = null, long?[]? cooldowns = null, bool[]? exhausted = null) =>
        new(counts, cooldowns, exhausted, null, null, null);

    /// <summary><c>success(i)</c> = <c>record_result_with_backoff(i, true, 30, NB)</c>.</summary>
    private static RecordEvent Success(int index) => new(index, true, 30, CooldownBackoff.None);

    /// <summary><c>record_result_with_backoff(i, false, 30, NB)</c>.</summary>
    private static RecordEvent Failure(int index) => new(index, false, 30, CooldownBackoff.None);

    /// <summary><c>penalize(i)</c> = <c>penalize_with_backoff(i, 60, reason, NB)</c>.</summary>
    private static PenalizeEvent Penalize(int index, string reason = "t") => new(index, 60, reason, CooldownBackoff.None);
}
