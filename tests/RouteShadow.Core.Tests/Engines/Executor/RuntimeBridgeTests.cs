using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Engines.Executor;

/// <summary><c>route_plan_runtime_state_from_lbs[_with_overrides]</c> (engines spec §4; RT1, O1, S05).</summary>
public sealed class RuntimeBridgeTests
{
    private readonly LbStateMap _states = new();

    [Fact]
    public void FromLoadBalancers_ReorderedTaggedStation_MigratesStateToProviderEndpointKeys() // RT1
    {
        var primary = Some.Upstream("https://primary.example/v1", "primary", "default");
        var backup = Some.Upstream("https://backup.example/v1", "backup", "default");
        var state = new LoadBalancer(Some.Station("routing", primary, backup), _states).LaidOutState();
        state.FailureCounts[0] = 3;
        state.CooldownUntil[0] = Some.Now + 30_000;
        state.UsageExhausted[1] = true;
        state.LastGoodIndex = 1;

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [Some.Station("routing", backup, primary)], _states, Some.Now);

        Assert.Equal(new UpstreamRuntimeState(false, 3, CooldownActive: true, UsageExhausted: false, false), runtime[Key("primary", "default")]);
        Assert.Equal(new UpstreamRuntimeState(false, 0, CooldownActive: false, UsageExhausted: true, false), runtime[Key("backup", "default")]);
        Assert.Equal(Key("backup", "default"), runtime.AffinityProviderEndpoint);
        Assert.Null(runtime.AffinityLastChangedAtMs);
        Assert.Null(runtime.AffinityLastSelectedAtMs);
    }

    [Fact]
    public void FromLoadBalancers_OverridesByUrlAndStableKey_StableKeyWinsForTaggedUpstreams() // O1
    {
        var station = Some.Station("s", Some.Upstream("https://a/v1"), Some.Upstream("https://b/v1", "p", "e"));
        var overrides = new Dictionary<string, UpstreamOverride>
        {
            ["https://a/v1"] = new(null, UpstreamRuntimeHealth.HalfOpen),
            ["https://b/v1"] = new(false, null),
            ["codex/p/e"] = new(true, UpstreamRuntimeHealth.Normal),
        };

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [station], _states, Some.Now, overrides);
        var executor = new RoutePlanExecutor(RoutePlanTemplate.CompileLegacy("codex", [station]), runtime, Some.Now);

        Assert.True(runtime[Key("s#0", "0")].RuntimeDisabled);
        Assert.False(runtime[Key("p", "e")].RuntimeDisabled);
        Assert.Equal(1, executor.SelectStationCandidate(new RoutePlanAttemptState(), "s", null).Selected?.Index);
    }

    [Theory]
    [InlineData(null, UpstreamRuntimeHealth.Draining, true)]
    [InlineData(null, UpstreamRuntimeHealth.BreakerOpen, true)]
    [InlineData(null, UpstreamRuntimeHealth.Normal, false)]
    [InlineData(true, null, false)]
    [InlineData(false, UpstreamRuntimeHealth.Normal, true)]
    public void FromLoadBalancers_UrlOverride_DisablesUnlessEnabledAndNormal(bool? enabled, UpstreamRuntimeHealth? health, bool disabled)
    {
        var station = Some.Station("s", "https://a/v1");
        var overrides = new Dictionary<string, UpstreamOverride> { ["https://a/v1"] = new(enabled, health) };

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [station], _states, Some.Now, overrides);

        Assert.Equal(disabled, runtime[Key("s#0", "0")].RuntimeDisabled);
    }

    [Fact]
    public void FromLoadBalancers_StableKeyOverrideOnUpstreamMissingEndpointTag_IsNotUsed()
    {
        var station = Some.Station("s", Some.Upstream("https://a/v1", providerId: "p"));
        var overrides = new Dictionary<string, UpstreamOverride> { ["codex/p/0"] = new(false, null) };

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [station], _states, Some.Now, overrides);

        Assert.False(runtime[Key("p", "0")].RuntimeDisabled);
    }

    [Fact]
    public void FromLoadBalancers_DuplicateSignature_ReadsTheWipedStateWithoutWritingIt() // S05
    {
        var station = Some.Station("routing", Some.Upstream("https://a/v1", "x", "e"), Some.Upstream("https://a/v1", "x", "e"));
        new LoadBalancer(station, _states).Penalize(0);
        var before = StateDump.Of(_states);
        Assert.Equal("routing: sig=[routing/x/e|https://a/v1; routing/x/e|https://a/v1] counts=[3,0] cooldown=[1000060000,-] exhausted=[False,False] streak=[1,0] last_good=-\n", before);

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [station], _states, Some.Now);

        // The reference wipes its live map here; the harness reads the wiped state and keeps the map as it was.
        Assert.Equal(default, runtime[Key("x", "e")]);
        Assert.Equal(before, StateDump.Of(_states));
    }

    [Fact]
    public void FromLoadBalancers_ExpiredCooldown_ModelledButNotWrittenBack()
    {
        var station = Some.Station("s", "https://a/v1");
        var state = new LoadBalancer(station, _states).LaidOutState();
        state.FailureCounts[0] = 3;
        state.CooldownUntil[0] = Some.Now;

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [station], _states, Some.Now);

        Assert.Equal(new UpstreamRuntimeState(false, 0, false, false, false), runtime[Key("s#0", "0")]);
        Assert.Equal(3u, state.FailureCounts[0]);
        Assert.Equal(Some.Now, state.CooldownUntil[0]);
    }

    [Fact]
    public void FromLoadBalancers_KeyCollisionAcrossStations_LastWriteWinsAndFirstStickyIsTheAffinity()
    {
        var alpha = Some.Station("alpha", Some.Upstream("https://a0/v1", providerId: "x"), Some.Upstream("https://a1/v1"));
        var beta = Some.Station("beta", Some.Upstream("https://b0/v1", providerId: "x"), Some.Upstream("https://b1/v1"));
        new LoadBalancer(alpha, _states).Penalize(0).Success(1);
        new LoadBalancer(beta, _states).Success(0);

        var runtime = RuntimeBridge.FromLoadBalancers("codex", [alpha, beta], _states, Some.Now);

        Assert.Equal(new UpstreamRuntimeState(false, 0, false, false, false), runtime[Key("x", "0")]);
        Assert.Equal(Key("alpha#1", "1"), runtime.AffinityProviderEndpoint);
        Assert.Equal(3, runtime.ProviderEndpoints.Count);
    }

    [Fact]
    public void Indexer_UnknownKey_ReadsFullyAvailable()
    {
        var health = new RoutePlanRuntimeState()[Key("nobody", "0")];

        Assert.Equal(default, health);
        Assert.True(health.Available(requireUsage: true));
    }

    [Theory]
    [InlineData(false, 2u, false, false, false, true, true)]
    [InlineData(false, 3u, false, false, false, false, false)]
    [InlineData(false, 0u, true, false, false, false, false)]
    [InlineData(false, 0u, false, true, false, false, true)]
    [InlineData(true, 0u, false, false, false, false, false)]
    [InlineData(false, 0u, false, false, true, false, false)]
    public void Available_RuntimeConditions_FollowBreakerAndUsageRules(
        bool disabled, uint failures, bool cooldown, bool exhausted, bool missingAuth, bool withUsage, bool withoutUsage)
    {
        var health = new UpstreamRuntimeState(disabled, failures, cooldown, exhausted, missingAuth);

        Assert.Equal((withUsage, withoutUsage), (health.Available(requireUsage: true), health.Available(requireUsage: false)));
    }

    [Fact]
    public void SetAffinity_ClearsBothTimestamps()
    {
        var runtime = new RoutePlanRuntimeState { AffinityLastChangedAtMs = 5, AffinityLastSelectedAtMs = 6 };

        runtime.SetAffinity(Key("p", "e"));

        Assert.Equal((Key("p", "e"), (ulong?)null, (ulong?)null), (runtime.AffinityProviderEndpoint, runtime.AffinityLastChangedAtMs, runtime.AffinityLastSelectedAtMs));
    }

    private static ProviderEndpointKey Key(string providerId, string endpointId) => new("codex", providerId, endpointId);
}
