using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Benchmarks;

/// <summary>
/// Reading, building and checking conformance cases: the per-line work of <c>check --batch</c>, on
/// its first line and averaged over the whole corpus (one thread).
/// </summary>
[MemoryDiagnoser]
public class ScenarioBenchmarks
{
    private const int CorpusSize = 5000;

    private byte[][] _corpus = null!;
    private byte[] _line = null!;
    private Scenario _scenario = null!;
    private ScenarioCheck _check = null!;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Path.Combine(FindRoot(), "fixtures", "conformance", "codex-helper-37c4485.jsonl.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(corpus), CompressionMode.Decompress), Encoding.UTF8);
        _corpus = [.. Lines(reader).Select(Encoding.UTF8.GetBytes)];
        _line = _corpus[0];
        _scenarios = [.. _corpus.Select(l => ScenarioReader.ReadCase(l))];
        _questions = [.. _scenarios.Select(s => ScenarioBuilder.Build(s, 1_000_000))];
        _scenario = ScenarioReader.ReadCase(_line);
        _check = new ScenarioCheck(ShadowRunner.CodexHelper, TimeProvider.System);
    }

    [Benchmark]
    public Scenario Read() => ScenarioReader.ReadCase(_line);

    /// <summary>The floor under <see cref="Read"/>: parsing the line into a JSON document.</summary>
    [Benchmark]
    public int ParseOnly()
    {
        using var document = System.Text.Json.JsonDocument.Parse(_line);
        return document.RootElement.GetProperty("scenario").GetProperty("stations").GetArrayLength();
    }

    [Benchmark]
    public CheckResult Check() => _check.Check(_scenario);

    [Benchmark]
    public CheckResult ReadAndCheck() => _check.Check(ScenarioReader.ReadCase(_line));

    /// <summary>Per case, over all 5,000 conformance cases (18% of them mismatches that get classified).</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int ReadAndCheckCorpus()
    {
        var failures = 0;
        foreach (var line in _corpus)
        {
            failures += _check.Check(ScenarioReader.ReadCase(line)).IsFailure ? 1 : 0;
        }

        return failures;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int StageBuild() => _scenarios.Sum(s => ScenarioBuilder.Build(s, 1_000_000).Stations.Count);

    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int StageLegacy() => _questions.Sum(q => new RouteShadow.Core.Engines.Legacy.LegacyEngine().Plan(q).Count);

    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int StageExecutor() => _questions.Sum(q => new RouteShadow.Core.Engines.Executor.ExecutorEngine().Plan(q).Count);

    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int StageCompare() => _questions.Sum(q => ShadowRunner.CodexHelper.Compare(q).Classes.Count);

    private Scenario[] _scenarios = null!;
    private RouteShadow.Core.Engines.RoutingQuestion[] _questions = null!;

    private static IEnumerable<string> Lines(StreamReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RouteShadow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RouteShadow.sln not found");
    }
}
