using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.GoModel;

namespace RouteShadow.Testing.Tests.GoModel;

/// <summary>
/// fixtures/gomodel: each file is a shrunk finding, named for it. It still shows the finding, its
/// expect block holds, and the variant that fixes the finding passes the check.
/// </summary>
public sealed class GoModelFixturesTests
{
    public static TheoryData<string> Files =>
        [.. Directory.GetFiles(Repository.Path("fixtures", "gomodel"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_ShowsTheFindingItIsNamedFor(string file)
    {
        var scenario = Read(file);
        Assert.True(GoModelBugNames.TryParse(Path.GetFileNameWithoutExtension(file).Replace('-', '_'), out var bug), file);
        var question = scenario.GoModel!.Question(GoModelVerdict.NowMs);
        Assert.NotNull(GoModelChecks.Run(bug, question, GoModelVariant.Head));
        Assert.Null(GoModelChecks.Run(bug, question, GoModelVariant.All.Single(v => v.Bugs == (GoModelBugs.All & ~bug))));
        Assert.Empty(GoModelChecks.Run(question, GoModelVariant.Specified));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_ExpectationHolds(string file)
    {
        var result = GoModelCheckResult.Check(Read(file));
        Assert.Empty(result.ExpectationFailures);
        Assert.False(result.Verdict is CheckVerdict.Mismatch or CheckVerdict.EngineError);
    }

    /// <summary>fixtures/gomodel/variants: two named variants diffed, e.g. resolving once vs twice.</summary>
    [Fact]
    public void VariantFixtures_ExpectationsHold()
    {
        var files = Directory.GetFiles(Repository.Path("fixtures", "gomodel", "variants"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = GoModelCheckResult.Check(ScenarioReader.Read(File.ReadAllBytes(file)));
            Assert.Empty(result.ExpectationFailures);
            Assert.Equal(CheckVerdict.ExpectedMismatch, result.Verdict);
        }
    }

    private static Scenario Read(string file) => ScenarioReader.Read(File.ReadAllBytes(Repository.Path("fixtures", "gomodel", file)));
}
