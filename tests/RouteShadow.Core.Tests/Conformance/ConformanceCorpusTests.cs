using System.IO.Compression;
using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Conformance;

/// <summary>
/// The 5,000 scenarios with the reports codex-helper's own Rust code returned for them: every
/// case must come out identical, field for field.
/// </summary>
public sealed class ConformanceCorpusTests
{
    private const long Now = 1_000_000_000;

    private static readonly Lazy<IReadOnlyList<(int Line, Scenario Case)>> Corpus = new(Load);

    [Fact]
    public void EveryCase_ReproducesTheReferenceReport()
    {
        var failures = new List<string>();
        foreach (var (line, scenario) in Corpus.Value)
        {
            var comparison = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, Now));
            var problems = scenario.Expect!.Check(comparison);
            if (problems.Count > 0 || comparison.Verdict == ShadowVerdict.EngineError)
            {
                failures.Add($"line {line} ({scenario.Name}): {string.Join("; ", problems)} {comparison.Error}");
            }
        }

        Assert.Equal(5000, Corpus.Value.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} cases differ:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public void EveryReferenceMismatch_IsExplainedByKnownClasses()
    {
        var unexplained = Corpus.Value
            .Select(c => (c.Line, Comparison: ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(c.Case, Now))))
            .Where(c => c.Comparison.Verdict == ShadowVerdict.Mismatch && c.Comparison.Classes.Contains(DivergenceClass.Unclassified))
            .Select(c => c.Line)
            .ToList();

        Assert.True(unexplained.Count == 0, $"unclassified mismatches on lines {string.Join(", ", unexplained.Take(30))}");
    }

    private static List<(int, Scenario)> Load()
    {
        using var file = File.OpenRead(Repository.Path("fixtures", "conformance", "codex-helper-37c4485.jsonl.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var cases = new List<(int, Scenario)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            cases.Add((number, ScenarioReader.ReadCase(Encoding.UTF8.GetBytes(line))));
        }

        return cases;
    }
}
