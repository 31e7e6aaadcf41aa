using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Tests.Fixtures;

namespace RouteShadow.Core.Tests.Scenarios;

/// <summary>The canonical scenario form.</summary>
public sealed class ScenarioWriterTests
{
    [Fact]
    public void ToUtf8_DocumentedExample_WritesEveryFieldExplicitlyAndReadsBack()
    {
        var scenario = ScenarioReader.Read(Encoding.UTF8.GetBytes(ScenarioReaderTests.DocumentedExample));

        var written = ScenarioWriter.ToUtf8(scenario);
        var again = ScenarioWriter.ToUtf8(ScenarioReader.Read(written));

        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(again));
        Assert.StartsWith("{\n  \"schema\": \"routeshadow/scenario@1\",\n  \"name\": \"model skip, then failover to the next upstream\",", Encoding.UTF8.GetString(written).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToUtf8_Compact_IsOneLineAndReadsBackToTheSameCanonicalForm()
    {
        var scenario = SpecFixtures.Get("S10").Scenario;

        var compact = ScenarioWriter.ToUtf8(scenario, indented: false);

        Assert.DoesNotContain((byte)'\n', compact);
        Assert.Equal(ScenarioWriter.ToUtf8(scenario), ScenarioWriter.ToUtf8(ScenarioReader.Read(compact)));
    }

    [Fact]
    public void ToUtf8_ExpectBlockWithClasses_WritesWireNames()
    {
        var text = Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(SpecFixtures.Get("S03b").Scenario, indented: false));

        Assert.Contains("\"expect\":{\"matches\":false,", text, StringComparison.Ordinal);
        Assert.EndsWith("\"executor_attempts\":[],\"classes\":[\"cross_station_key_collision\"]}}", text, StringComparison.Ordinal);
    }
}
