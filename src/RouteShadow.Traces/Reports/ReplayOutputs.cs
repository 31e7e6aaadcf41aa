using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// Everything a replay writes into its output folder: <c>mismatches.jsonl</c> as results stream by,
/// one minimal scenario per new mismatch signature under <c>fixtures/</c>, and at the end
/// <c>summary.csv</c>, <c>report.md</c>, <c>report.html</c> and, when asked, a reproduction
/// scenario for each of the most frequent signatures under <c>reproduce/</c>. Only files of these
/// names are replaced; old fixtures and reproductions from an earlier run are removed first so none is stale.
/// </summary>
public sealed class ReplayOutputs : IReplaySink, IDisposable
{
    public const string MismatchesFile = "mismatches.jsonl";
    public const string SummaryFile = "summary.csv";
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";
    public const string FixturesFolder = "fixtures";
    public const string ReproductionsFolder = "reproduce";

    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly string _directory;
    private readonly ShadowRunner _runner;
    private readonly MismatchLog _mismatches;
    private readonly int _reproductions;

    // Built when a signature is first seen (the request's rebuilt question is valid only then), written at the end for the top ones.
    private readonly Dictionary<string, Scenario> _reproductionOf = new(StringComparer.Ordinal);

    /// <param name="reproductions">How many of the most frequent signatures get a reproduction scenario; 0 for none.</param>
    public ReplayOutputs(string directory, ShadowRunner runner, int reproductions = 0)
    {
        _directory = directory;
        _runner = runner;
        _reproductions = reproductions;
        foreach (var folder in new[] { FixturesFolder, ReproductionsFolder })
        {
            var path = Path.Combine(directory, folder);
            Directory.CreateDirectory(path);
            foreach (var old in Directory.EnumerateFiles(path, "*.json"))
            {
                File.Delete(old);
            }
        }

        _mismatches = new MismatchLog(new FileStream(Path.Combine(directory, MismatchesFile), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20));
    }

    public ReplayStatistics Statistics { get; } = new();

    /// <summary>The reproduction scenarios written by <see cref="Finish"/>, relative to the output folder, most frequent signature first.</summary>
    public IReadOnlyList<string> Reproductions { get; private set; } = [];

    public void Accept(RequestResult result)
    {
        var (signature, isNew) = Statistics.Add(result);
        if (signature is null)
        {
            return;
        }

        _mismatches.Write(result, signature.Signature);
        if (isNew)
        {
            signature.Fixture = ExportFixture(result, signature);
        }
    }

    /// <summary>Writes the end-of-run files and returns the summary.</summary>
    /// <param name="inputs">The input paths as the user gave them, for the report's first line.</param>
    public ReplaySummary Finish(MalformedLines malformed, IReadOnlyList<string> inputs)
    {
        _mismatches.Dispose();
        using (var csv = new StreamWriter(Path.Combine(_directory, SummaryFile), false, Utf8))
        {
            SummaryCsv.Write(csv, Statistics);
        }

        Reproductions = WriteReproductions();
        var document = ReportContent.Build(Statistics, malformed, inputs);
        File.WriteAllText(Path.Combine(_directory, MarkdownFile), MarkdownReport.Render(document), Utf8);
        File.WriteAllText(Path.Combine(_directory, HtmlFile), HtmlReport.Render(document), Utf8);
        return ReplaySummary.From(Statistics, malformed.Count);
    }

    public void Dispose() => _mismatches.Dispose();

    private string ExportFixture(RequestResult result, SignatureTally signature)
    {
        var number = Statistics.Signatures.Count();
        var name = $"replayed {ReplayStatistics.Example(result)} at {Formats.Time(result.Request.StartMs)}: {signature.Signature}";
        var scenario = QuestionScenario.Minimal(QuestionScenario.From(result.Question!, name), signature.Classes, _runner);
        if (_reproductions > 0)
        {
            _reproductionOf[signature.Signature] = ReproductionScenario.From(scenario, result);
        }

        return WriteScenario(FixturesFolder, number, signature, scenario);
    }

    private List<string> WriteReproductions() =>
    [
        .. Statistics.Signatures.Where(s => _reproductionOf.ContainsKey(s.Signature)).Take(_reproductions).Select((signature, i) => WriteScenario(ReproductionsFolder, i + 1, signature, _reproductionOf[signature.Signature])),
    ];

    private string WriteScenario(string folder, int number, SignatureTally signature, Scenario scenario)
    {
        var slug = string.Join("+", signature.Classes.Select(c => c.WireName()));
        var relative = Path.Combine(folder, $"{number:00}-{slug}.json");
        File.WriteAllBytes(Path.Combine(_directory, relative), [.. ScenarioWriter.ToUtf8(scenario), (byte)'\n']);
        return relative.Replace('\\', '/');
    }
}
