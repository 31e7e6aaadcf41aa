using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Properties;

/// <summary>The generator reaches the situations the properties are about; otherwise they would pass vacuously.</summary>
public sealed class RoutingWorldsTests
{
    private static readonly Scenario[] Sample = Gen.Sample(RoutingWorlds.Scenario, 300, new Rnd(2026051400, 59), 10);

    [Fact]
    public void Sample_FixedSeed_ReachesEveryDivergenceClassSeenInTheShadow()
    {
        var comparisons = Sample.Select(s => ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(s, Some.Now))).ToList();
        var classes = comparisons.SelectMany(c => c.Classes).ToHashSet();

        Assert.Equal(300, Sample.Length);
        Assert.InRange(comparisons.Count(c => c.Verdict == ShadowVerdict.Mismatch), 15, 285);
        Assert.Superset(
            new HashSet<DivergenceClass>
            {
                DivergenceClass.ExhaustedStickyUpstream,
                DivergenceClass.MultiStationSticky,
                DivergenceClass.CrossStationKeyCollision,
                DivergenceClass.InStationKeyCollision,
                DivergenceClass.CooldownBelowThreshold,
            },
            classes);
    }

    [Fact]
    public void Sample_FixedSeed_HasModelSkipsLayoutsEventsAndEmptyStations()
    {
        var reports = Sample.Select(s => ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(s, Some.Now)).Report).ToList();

        Assert.Contains(reports, r => r.LegacyAttempts.Any(a => a.Reason == "unsupported_model"));
        Assert.Contains(Sample, s => s.Stations.Any(st => st.State?.Layout is not null));
        Assert.Contains(Sample, s => s.Stations.Any(st => st.Events.OfType<AdvanceEvent>().Any()));
        Assert.Contains(Sample, s => s.Stations.Any(st => st.Station.Upstreams.Count == 0));
        Assert.Contains(Sample, s => s.Stations.Any(st => st.Station.Signature.HasDuplicates));
        Assert.Contains(Sample, s => s.Stations.Count == 3);
    }
}
