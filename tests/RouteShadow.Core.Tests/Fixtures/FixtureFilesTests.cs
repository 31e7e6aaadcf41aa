using System.Text;
using Microsoft.Extensions.Time.Testing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Fixtures;

/// <summary>
/// The regression fixtures under <c>fixtures/</c> (all but the conformance corpus): each is a valid
/// scenario whose expect block holds. The reproductions in <c>fixtures/reproduce/</c> are HTTP lifecycles, tested by the Upstreams tests. The spec fixtures in <c>fixtures/spec/</c> are written from
/// <see cref="SpecFixtures"/>; set <c>ROUTESHADOW_WRITE_FIXTURES=1</c> to rewrite them after changing a definition.
/// </summary>
public sealed class FixtureFilesTests
{
    private const string WriteVariable = "ROUTESHADOW_WRITE_FIXTURES";

    private static readonly string FixturesRoot = Repository.Path("fixtures");

    private static readonly string[] FixturePaths =
    [
        .. Directory.EnumerateFiles(FixturesRoot, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(FixturesRoot, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("conformance/", StringComparison.Ordinal) && !path.StartsWith("reproduce/", StringComparison.Ordinal))
            .Where(path => !path.StartsWith("gomodel/", StringComparison.Ordinal)) // GoModel questions, checked by the Testing tests
            .Where(path => !path.StartsWith("harn/", StringComparison.Ordinal)) // harn scenarios: HarnFixtureFilesTests
            .Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> FixtureFiles { get; } = [.. FixturePaths];

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Check_FixtureFile_MeetsItsExpectation(string relativePath)
    {
        var scenario = ScenarioReader.Read(File.ReadAllBytes(Path.Combine(FixturesRoot, relativePath)));
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(Some.Now));

        var result = new ScenarioCheck(ShadowRunner.CodexHelper, clock).Check(scenario);

        Assert.NotNull(scenario.Expect);
        Assert.Empty(result.ExpectationFailures);
        Assert.Equal(scenario.Expect.Report.Matches ? CheckVerdict.Match : CheckVerdict.ExpectedMismatch, result.Verdict);
        Assert.False(result.IsFailure);
        if (!scenario.Expect.Report.Matches)
        {
            Assert.NotNull(scenario.Expect.Classes);
            Assert.NotEmpty(scenario.Expect.Classes);
        }
    }

    [Fact]
    public void SpecFixtures_FilesOnDisk_AreTheCanonicalFormOfTheirDefinitions()
    {
        var directory = Path.Combine(FixturesRoot, "spec");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            foreach (var fixture in SpecFixtures.All)
            {
                File.WriteAllText(Path.Combine(directory, fixture.FileName), Canonical(fixture.Scenario), new UTF8Encoding(false));
            }
        }

        var stale = new List<string>();
        foreach (var fixture in SpecFixtures.All)
        {
            var path = Path.Combine(directory, fixture.FileName);
            if (!File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != Canonical(fixture.Scenario))
            {
                stale.Add(fixture.FileName);
            }
        }

        Assert.True(stale.Count == 0, $"stale or missing (run with {WriteVariable}=1): {string.Join(", ", stale)}");
        Assert.Equal(
            SpecFixtures.All.Select(f => f.FileName).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FixtureFiles_IncludeEverySpecFixture()
    {
        Assert.Equal(23, SpecFixtures.All.Count);
        Assert.All(SpecFixtures.All, f => Assert.Contains("spec/" + f.FileName, FixturePaths));
    }

    private static string Canonical(Scenario scenario) =>
        Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(scenario)).ReplaceLineEndings("\n") + "\n";
}
