using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// Everything a replay writes into its output folder: <c>mismatches.jsonl</c> as results stream by,
/// one minimal scenario per new mismatch signature under <c>fixtures/</c>, and at the end
/// <c>summary.csv</c>, <c>report.md</c> and <c>report.html</c>. Only files of these names are
/// replaced; old fixtures from an earlier run are removed first so none is stale.
/// </summary>
public sealed class ReplayOutputs : IReplaySink, IDisposable
{
    public const string MismatchesFile = "mismatches.jsonl";
    public const string SummaryFile = "summary.csv";
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";
    public const string FixturesFolder = "fixtures";

    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly string _directory;
    private readonly ShadowRunner _runner;
    private readonly MismatchLog _mismatches;

    public ReplayOutputs(string directory, ShadowRunner runner)
    {
        _directory = directory;
        _runner = runner;
        var fixtures = Path.Combine(directory, FixturesFolder);
        Directory.CreateDirectory(fixtures);
        foreach (var old in Directory.EnumerateFiles(fixtures, "*.json"))
        {
            File.Delete(old);
        }

        _mismatches = new MismatchLog(new FileStream(Path.Combine(directory, MismatchesFile), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20));
    }

    public ReplayStatistics Statistics { get; } = new();

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
        var slug = string.Join("+", signature.Classes.Select(c => c.WireName()));
        var relative = Path.Combine(FixturesFolder, $"{number:00}-{slug}.json");
        File.WriteAllBytes(Path.Combine(_directory, relative), [.. ScenarioWriter.ToUtf8(scenario), (byte)'\n']);
        return relative.Replace('\\', '/');
    }
}
