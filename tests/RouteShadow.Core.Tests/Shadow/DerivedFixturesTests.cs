using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Fixtures;
using RouteShadow.Core.Tests.Support;
using static RouteShadow.Core.Tests.Support.Attempts;

namespace RouteShadow.Core.Tests.Shadow;

/// <summary>
/// The engines spec's derived fixtures (§9.6, S01–S14) through the shadow runner: both attempt
/// lists exactly as the reference produced them, and the divergence class of each mismatch.
/// The scenarios are defined once, in <see cref="SpecFixtures"/>; S11 needs a repeated station name
/// and is built through the API here. (S14's non-strict load-balancer fallback is in LoadBalancerTests.)
/// </summary>
public sealed class DerivedFixturesTests
{
    private static readonly string[] Derived =
        [.. SpecFixtures.All.Select(f => f.Id).Where(id => id.StartsWith('S') && !id.StartsWith("SH", StringComparison.Ordinal))];

    public static TheoryData<string> DerivedIds { get; } = [.. Derived];

    [Theory]
    [MemberData(nameof(DerivedIds))]
    public void Compare_DerivedFixture_ReproducesSpecListsAndClass(string id)
    {
        var fixture = SpecFixtures.Get(id);
        var expected = fixture.Scenario.Expect!;

        var comparison = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(fixture.Scenario, Some.Now));

        AssertEqual(expected.Report.LegacyAttempts, comparison.Report.LegacyAttempts);
        AssertEqual(expected.Report.ExecutorAttempts, comparison.Report.ExecutorAttempts);
        Assert.Equal(expected.Report.Matches, comparison.Report.Matches);
        Assert.Equal(expected.Report.Matches ? ShadowVerdict.Match : ShadowVerdict.Mismatch, comparison.Verdict);
        Assert.Equal(expected.Classes ?? [], comparison.Classes);
    }

    [Fact]
    public void DerivedIds_CoverEverySpecRowButS11()
    {
        Assert.Equal(
            ["S01", "S02", "S02b", "S03", "S03b", "S04", "S04b", "S05", "S06", "S07", "S08", "S09", "S10", "S12", "S13", "S14"],
            Derived);
    }

    [Fact]
    public void Compare_RepeatedStationName_ExecutorFindsSecondOccurrenceExhausted() // S11 (D10)
    {
        var alpha = Some.Station("alpha", "https://a0/v1");

        var comparison = ShadowRunner.CodexHelper.Compare(Some.Question([alpha, Some.Station("alpha", "https://a0/v1")]));

        AssertEqual([Sel(alpha, 0, [], 0, 2), Sel(alpha, 0, [], 1, 2)], comparison.Report.LegacyAttempts);
        AssertEqual([Sel(alpha, 0, [], 0, 2)], comparison.Report.ExecutorAttempts);
        Assert.False(comparison.Report.Matches);
        Assert.Equal([DivergenceClass.RepeatedStationName], comparison.Classes);
    }

    [Fact]
    public void Compare_DuplicateSignature_LeavesCallersStateUntouched() // S05, where Core deliberately differs from the reference
    {
        var states = new LbStateMap();
        var fixture = SpecFixtures.Get("S05");
        var station = fixture.Scenario.Stations[0].Station;
        new LoadBalancer(station, states).Penalize(0);
        var before = StateDump.Of(states);

        var comparison = ShadowRunner.CodexHelper.Compare(Some.Question([station], states));

        Assert.True(comparison.Report.Matches);
        AssertEqual(fixture.Scenario.Expect!.Report.LegacyAttempts, comparison.Report.LegacyAttempts);
        // The reference's bridge writes the wiped layout to the live map ([3, 0] -> [0, 0]); Core plans on copies.
        Assert.Equal(before, StateDump.Of(states));
        Assert.Contains("counts=[3,0]", before, StringComparison.Ordinal);
    }
}
