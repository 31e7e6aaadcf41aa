using Microsoft.Extensions.Time.Testing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Upstreams.Tests.Support;

namespace RouteShadow.Upstreams.Tests.Fixtures;

/// <summary>The reproduction fixtures are also scenarios <c>routeshadow check fixtures/</c> reads: none may fail it.</summary>
public sealed class FixtureCheckTests
{
    public static TheoryData<string> Files { get; } =
        [.. Directory.EnumerateFiles(Path.GetDirectoryName(Reproductions.FixturePath("x"))!, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Check_ReproductionFixture_DoesNotFail(string fileName)
    {
        var scenario = Reproductions.Load(fileName);

        var result = new ScenarioCheck(ShadowRunner.CodexHelper, new FakeTimeProvider()).Check(scenario);

        Assert.False(result.IsFailure, string.Join("; ", result.ExpectationFailures));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Writer_ReproductionFixture_RoundTrips(string fileName)
    {
        var scenario = Reproductions.Load(fileName);

        var again = ScenarioReader.Read(ScenarioWriter.ToUtf8(scenario));

        Assert.Equal(ScenarioWriter.ToUtf8(scenario), ScenarioWriter.ToUtf8(again));
        Assert.Equal(scenario.Stations.Select(s => s.Behaviors?.Count), again.Stations.Select(s => s.Behaviors?.Count));
    }
}
