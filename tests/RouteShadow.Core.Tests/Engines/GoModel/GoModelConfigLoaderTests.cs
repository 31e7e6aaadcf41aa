using RouteShadow.Core.Engines.GoModel;
using static RouteShadow.Core.Tests.Engines.GoModel.GoModelWorld;

namespace RouteShadow.Core.Tests.Engines.GoModel;

/// <summary>Spec B.1: defaults, normalisation and validation messages.</summary>
public sealed class GoModelConfigLoaderTests
{
    [Fact]
    public void Defaults_OmittedKeys_KeepTheFileLoaderDefaults()
    {
        var config = Config(null, ("gpt", [C("a")]));
        Assert.Equal(RoutingDefaults.Default, config.Defaults);
        Assert.Equal([429, 500, 502, 503, 504], config.Defaults.Failover.RetryOnStatuses);
    }

    [Theory]
    [InlineData("  Weighted_Round_Robin ", PoolStrategy.WeightedRoundRobin)]
    [InlineData("", PoolStrategy.PriorityFailover)]
    public void Strategy_IsTrimmedAndLowerCased_EmptyMeansPriorityFailover(string written, PoolStrategy expected) =>
        Assert.Equal(expected, Config(written, ("gpt", [C("a")])).Defaults.Strategy);

    [Fact]
    public void Strategy_Unknown_IsRejected() =>
        Assert.Equal(
            "routing.defaults.strategy must be one of: priority_failover, weighted_round_robin",
            Assert.Throws<GoModelConfigException>(() => Config("random", ("gpt", [C("a")]))).Message);

    [Fact]
    public void NonPositiveTtlAttemptsAndEmptyStatuses_AreReDefaulted()
    {
        var config = GoModelConfigLoader.Load(Raw(null, ("gpt", [C("a")])) with { SessionAffinityTtlMs = 0, MaxAttempts = -1, RetryOnStatuses = [] });
        Assert.Equal(RoutingDefaults.DefaultTtlMs, config.Defaults.SessionAffinityTtlMs);
        Assert.Equal(3, config.Defaults.Failover.MaxAttempts);
        Assert.Equal(FailoverSettings.DefaultStatuses, config.Defaults.Failover.RetryOnStatuses);
    }

    [Fact]
    public void FailoverSettings_AreEqualByValue() =>
        Assert.Equal(FailoverSettings.Default, FailoverSettings.Default with { RetryOnStatuses = [429, 500, 502, 503, 504] });

    [Fact]
    public void Booleans_AreNotReDefaulted() =>
        Assert.False(GoModelConfigLoader.Load(Raw(null, ("gpt", [C("a")])) with { FailoverEnabled = false }).Defaults.Failover.Enabled);

    [Fact]
    public void StatusRange_IsNotChecked() =>
        Assert.Equal([0, 700], GoModelConfigLoader.Load(Raw(null, ("gpt", [C("a")])) with { RetryOnStatuses = [0, 700] }).Defaults.Failover.RetryOnStatuses);

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validation_NamesTheProblemAsGoModelDoes(RawRoutingConfig raw, string message) =>
        Assert.Equal(message, Assert.Throws<GoModelConfigException>(() => GoModelConfigLoader.Load(raw)).Message);

    public static TheoryData<RawRoutingConfig, string> Invalid => new()
    {
        { Raw(null, (" ", [C("a")])), "routing.model_pools: model key cannot be empty" },
        { Raw(null, ("gpt", [C("a")]), (" gpt", [C("b")])), "routing.model_pools: duplicate model key after trimming: \"gpt\"" },
        { Raw(null, ("gpt", [])), "routing.model_pools[\"gpt\"]: at least one candidate is required" },
        { Raw(null, ("gpt", [new RawCandidate(" ", "m", 1, 1)])), "routing.model_pools[\"gpt\"].candidates[0].provider is required" },
        { Raw(null, ("gpt", [C("a"), new RawCandidate("b", null, 1, 1)])), "routing.model_pools[\"gpt\"].candidates[1].model is required" },
        { Raw(null, ("gpt", [C("a"), C("a")])), "routing.model_pools[\"gpt\"]: duplicate candidate \"a/m\"" },
        { Raw(null, ("gpt", [C("a", priority: 0)])), "routing.model_pools[\"gpt\"].candidates[0].priority must be > 0 for priority_failover" },
        { Raw("weighted_round_robin", ("gpt", [C("a", weight: -2)])), "routing.model_pools[\"gpt\"].candidates[0].weight must be > 0 for weighted_round_robin" },
    };

    [Fact]
    public void Validation_WalksPoolsInSortedKeyOrder() =>
        Assert.StartsWith(
            "routing.model_pools[\"a\"]",
            Assert.Throws<GoModelConfigException>(() => Config(null, ("b", []), ("a", []))).Message);

    [Fact]
    public void WeightUnderPriorityFailover_IsNotChecked() =>
        Assert.Equal(0, Config(null, ("gpt", [C("a", weight: 0)])).Pools[0].Candidates[0].Weight);
}
