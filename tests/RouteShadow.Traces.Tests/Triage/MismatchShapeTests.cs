using RouteShadow.Traces.Replay;
using RouteShadow.Traces.Tests.Support;

namespace RouteShadow.Traces.Tests.Triage;

public class MismatchShapeTests
{
    [Theory]
    [InlineData("s01-exhausted-sticky-round-two")]
    [InlineData("s02-multi-station-sticky")]
    [InlineData("s03-cross-station-key-collision-healthy-overwrites-penalized")]
    [InlineData("s04-in-station-key-collision-last-write-wins")]
    [InlineData("s06-cooldown-below-threshold")]
    public void OfShape_SameDivergenceUnderOtherNamesUrlsAndIds_IsTheSame(string fixture)
    {
        var original = ShadowEvents.Event(ShadowEvents.Fixture(fixture));
        var renamed = ShadowEvents.Event(ShadowEvents.Renamed(ShadowEvents.Fixture(fixture), "other"));

        Assert.NotEqual(original.LegacyAttempts[0].UpstreamBaseUrl, renamed.LegacyAttempts[0].UpstreamBaseUrl);
        Assert.Equal(
            MismatchSignature.OfShape(original.LegacyAttempts, original.ExecutorAttempts),
            MismatchSignature.OfShape(renamed.LegacyAttempts, renamed.ExecutorAttempts));
        Assert.Equal(
            MismatchSignature.OfWalk(original.LegacyAttempts, original.ExecutorAttempts),
            MismatchSignature.OfWalk(renamed.LegacyAttempts, renamed.ExecutorAttempts));
    }

    [Fact]
    public void OfShape_DifferentDivergences_AreAllDifferent()
    {
        string[] fixtures =
        [
            "s01-exhausted-sticky-round-two", "s02-multi-station-sticky", "s03-cross-station-key-collision-healthy-overwrites-penalized",
            "s03b-cross-station-key-collision-penalized-hides-healthy", "s04-in-station-key-collision-last-write-wins", "s06-cooldown-below-threshold",
        ];

        var shapes = fixtures.Select(f => ShadowEvents.Event(ShadowEvents.Fixture(f))).Select(e => MismatchSignature.OfShape(e.LegacyAttempts, e.ExecutorAttempts)).ToList();

        Assert.Equal(fixtures.Length, shapes.Distinct().Count());
    }

    [Fact]
    public void OfShape_NamesTheDivergenceStepsAndOneSidedUpstreams()
    {
        var e = ShadowEvents.Event(ShadowEvents.Fixture("s03-cross-station-key-collision-healthy-overwrites-penalized"));

        // Legacy goes straight to beta; the executor still tries alpha, whose penalty beta's healthy entry hides.
        Assert.Equal(
            "[station_name,upstream_base_url,route_path] L s0#0 E s1#0 only-L - only-E s1#0",
            MismatchSignature.OfShape(e.LegacyAttempts, e.ExecutorAttempts));
    }
}
