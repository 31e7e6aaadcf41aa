using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;
using RouteShadow.Tests.Shared;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary>The harn fixtures under <c>fixtures/harn/</c>: each is a valid harn scenario whose expect block holds, in canonical form.</summary>
public sealed class HarnFixtureFilesTests
{
    private static readonly string Folder = Repository.Path("fixtures", "harn");

    private static readonly string[] Files =
        [.. Directory.EnumerateFiles(Folder, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> FixtureFiles { get; } = [.. Files];

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Check_HarnFixture_MeetsItsExpectation(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        var scenario = ScenarioReader.Read(bytes);

        var result = HarnCheckResult.Check(scenario);

        Assert.NotNull(scenario.Harn?.Expect);
        Assert.Empty(result.ExpectationFailures);
        Assert.False(result.IsFailure);
        Assert.Equal(bytes, ScenarioWriter.ToUtf8(scenario));
    }

    [Fact]
    public void Fixtures_ShowEveryKnownClassOfTheSeed() =>
        Assert.Equal(
            [
                "budget_abort_unrecorded.json", "race_backup_skips_budget.json", "race_deadline.json", "race_first_finisher_error.json",
                "skipped_chain_blames_empty_chain.json", "timeout_ignores_explicit_rules.json", "warn_fails_in_preflight.json",
            ],
            Files);
}
