using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Engines.Executor;

/// <summary>
/// <c>compile_legacy_route_plan_template</c> (engines spec §3.1, §3.2) and R19.
/// Not applicable: R1–R18 and R20–R22 need the v4 route-graph compiler, which Core does not implement.
/// </summary>
public sealed class RoutePlanTemplateTests
{
    [Fact]
    public void CompileLegacy_TaggedProviderWithoutEndpoint_KeysByTagAndIndex() // R19
    {
        var station = Some.Station("legacy-station", Some.Upstream("https://legacy.example/v1", providerId: "tagged"));

        var template = RoutePlanTemplate.CompileLegacy("codex", [station]);

        var candidate = Assert.Single(template.Candidates);
        Assert.Equal("codex/tagged/0", candidate.Key.StableKey);
        var compatibility = $"{template.ServiceName}/{template.CompatStation(candidate)}/{RoutePlanTemplate.CompatIndex(candidate)}";
        Assert.Equal("codex/legacy-station/0", compatibility);
        Assert.Equal("https://legacy.example/v1", candidate.Upstream.BaseUrl);
    }

    [Fact]
    public void CompileLegacy_TwoStations_NumbersCandidatesAcrossStationsWithDefaultIds()
    {
        var alpha = Some.Station("alpha", "https://a0/v1", "https://a1/v1");
        var beta = Some.Station("beta", Some.Upstream("https://b0/v1", "p", "e"));

        var template = RoutePlanTemplate.CompileLegacy("claude", [alpha, beta]);

        Assert.Equal(["claude/alpha#0/0", "claude/alpha#1/1", "claude/p/e"], template.Candidates.Select(c => c.Key.StableKey));
        Assert.Equal([0, 1, 2], template.Candidates.Select(c => c.StableIndex));
        Assert.Equal([0, 1, 0], template.Candidates.Select(c => c.CompatibilityUpstreamIndex!.Value));
        Assert.Equal(["alpha", "alpha", "beta"], template.Candidates.Select(c => c.CompatibilityStationName!));
        Assert.Equal(["legacy", "beta", "p"], template.Candidates[2].RoutePath);
        Assert.Equal(["legacy", "alpha", "alpha#1"], template.Candidates[1].RoutePath);
        Assert.All(template.Candidates, c => Assert.Equal(0, c.PreferenceGroup));
        Assert.Equal(["alpha#0", "alpha#1", "p"], template.ExpandedProviderOrder);
        Assert.Equal("legacy", template.Entry);
        Assert.Equal(AffinityPolicy.FallbackSticky, template.AffinityPolicy);
        Assert.Null(template.FallbackTtlMs);
        Assert.Null(template.ReprobePreferredAfterMs);
        Assert.Null(template.CompatibilityStationName);
    }

    [Fact]
    public void CompileLegacy_OneDistinctStationName_SetsTemplateCompatibilityStation()
    {
        var once = RoutePlanTemplate.CompileLegacy("codex", [Some.Station("alpha", "https://a/v1")]);
        var twice = RoutePlanTemplate.CompileLegacy("codex", [Some.Station("alpha", "https://a/v1"), Some.Station("alpha", "https://a/v1")]);

        Assert.Equal("alpha", once.CompatibilityStationName);
        Assert.Equal("alpha", twice.CompatibilityStationName);
        Assert.Equal(2, twice.Candidates.Count);
        Assert.Equal(2, twice.CandidatesOf("alpha").Count);
    }

    [Fact]
    public void CompatStation_CandidateWithoutStation_FallsBackToTemplateThenRouting()
    {
        var bare = new RouteCandidate(new("codex", "p", "default"), Some.Upstream("https://p/v1"), ["main", "p"], 0, 0, null, null);
        var named = new RoutePlanTemplate("codex", "main", AffinityPolicy.Off, [bare], compatibilityStationName: "alpha");
        var unnamed = new RoutePlanTemplate("codex", "main", AffinityPolicy.Off, [bare]);

        Assert.Equal("alpha", named.CompatStation(bare));
        Assert.Equal("routing", unnamed.CompatStation(bare));
        Assert.Equal(0, RoutePlanTemplate.CompatIndex(bare));
        Assert.Empty(unnamed.CandidatesOf("nope"));
    }

    [Fact]
    public void Constructor_StableIndexOutOfOrder_Throws()
    {
        var stray = new RouteCandidate(new("codex", "p", "default"), Some.Upstream("https://p/v1"), ["main", "p"], 0, 3, null, null);

        Assert.Throws<ArgumentException>(() => new RoutePlanTemplate("codex", "main", AffinityPolicy.Off, [stray]));
    }
}
