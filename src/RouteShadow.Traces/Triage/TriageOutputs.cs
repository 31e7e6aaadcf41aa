using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Reports;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// Everything a triage writes into its output folder: one scenario per group under
/// <c>scenarios/</c>, <c>groups.jsonl</c>, <c>summary.csv</c> and <c>report.md</c>. Each file is
/// written whole to a temporary name and moved into place, so a follow can rewrite them every
/// interval and a reader never sees half a file. Scenario files of an earlier run are removed
/// first so none is stale; a group's scenario is written once.
/// </summary>
public sealed class TriageOutputs
{
    public const string ScenariosFolder = "scenarios";
    public const string GroupsFile = "groups.jsonl";
    public const string SummaryFile = "summary.csv";
    public const string MarkdownFile = "report.md";

    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _directory;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public TriageOutputs(string directory)
    {
        _directory = directory;
        var scenarios = Path.Combine(directory, ScenariosFolder);
        Directory.CreateDirectory(scenarios);
        foreach (var old in Directory.EnumerateFiles(scenarios, "*.json"))
        {
            File.Delete(old);
        }
    }

    /// <summary>A group's scenario file, relative to the output folder: its id, then its classes or <c>model-gap</c>.</summary>
    public static string ScenarioPath(TriageGroup group)
    {
        var r = group.Reproduction;
        var slug = r.Verdict == TriageVerdict.ModelGap ? "model-gap" : string.Join("+", r.Classes.Select(c => c.WireName()));
        return $"{ScenariosFolder}/{group.Id}-{slug}.json";
    }

    /// <summary>Writes every file for the groups as they stand.</summary>
    /// <param name="inputs">The inputs as the user named them, for the report's first line.</param>
    public void Write(TriageGroups groups, TriageSummary summary, MalformedLines malformed, IReadOnlyList<string> inputs)
    {
        var ordered = groups.Ordered;
        foreach (var group in ordered.Where(g => _written.Add(g.Id)))
        {
            var scenario = group.Reproduction.Scenario with { Name = $"triage {group.Id}, {group.Sample.TraceId ?? "-"}: {group.Signature}" };
            Replace(ScenarioPath(group), stream => stream.Write([.. ScenarioWriter.ToUtf8(scenario), (byte)'\n']));
        }

        Replace(GroupsFile, stream =>
        {
            foreach (var group in ordered)
            {
                GroupLine(stream, group);
            }
        });
        Replace(SummaryFile, stream =>
        {
            using var text = new StreamWriter(stream, Utf8, leaveOpen: true);
            Csv(text, ordered);
        });
        Replace(MarkdownFile, stream => stream.Write(Utf8.GetBytes(TriageReport.Render(groups, summary, malformed, inputs))));
    }

    private void Replace(string relative, Action<Stream> write)
    {
        var target = Path.Combine(_directory, relative);
        var temporary = target + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
        }

        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>One line of <c>groups.jsonl</c>. Upstreams are named <c>station#index</c>; no URL is written.</summary>
    private static void GroupLine(Stream stream, TriageGroup group)
    {
        using (var w = new Utf8JsonWriter(stream, Compact))
        {
            w.WriteStartObject();
            w.WriteString("group", group.Id);
            w.WriteString("signature", group.Signature);
            w.WriteNumber("events", group.Count);
            w.WriteString("first_seen", Formats.Time(group.FirstSeenMs));
            w.WriteString("last_seen", Formats.Time(group.LastSeenMs));
            w.WriteString("verdict", group.Reproduction.Verdict.WireName());
            w.WriteStartArray("classes");
            foreach (var divergence in group.Reproduction is { Verdict: TriageVerdict.Reproduced } r ? r.Classes : [])
            {
                w.WriteStringValue(divergence.WireName());
            }

            w.WriteEndArray();
            w.WriteString("scenario", ScenarioPath(group));
            w.WriteString("note", group.Reproduction.Note);
            w.WriteString("model", group.Sample.Model);
            Steps(w, "legacy_attempts", group.Sample.LegacyAttempts);
            Steps(w, "executor_attempts", group.Sample.ExecutorAttempts);
            w.WriteStartArray("examples");
            foreach (var example in group.Exemplars)
            {
                w.WriteStartObject();
                w.WriteString("trace_id", example.TraceId);
                w.WriteString("file", example.File);
                w.WriteNumber("line", example.Line);
                w.WriteString("ts", Formats.Time(example.TsMs));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void Steps(Utf8JsonWriter w, string name, IReadOnlyList<ShadowAttempt> attempts)
    {
        w.WriteStartArray(name);
        foreach (var attempt in attempts)
        {
            w.WriteStringValue(Formats.Attempt(attempt));
        }

        w.WriteEndArray();
    }

    private static void Csv(TextWriter output, IReadOnlyList<TriageGroup> groups)
    {
        using var csv = CsvWriter.Create(output, options: null, leaveOpen: true);
        csv.WriteHeader(["group", "events", "verdict", "classes", "first_seen", "last_seen", "signature", "scenario", "examples"]);
        foreach (var group in groups)
        {
            csv.WriteRecord(
            [
                group.Id, group.Count.ToString(CultureInfo.InvariantCulture), TriageReport.Verdict(group), TriageReport.Classes(group).Replace(", ", "+", StringComparison.Ordinal),
                Formats.Time(group.FirstSeenMs), Formats.Time(group.LastSeenMs), group.Signature,
                ScenarioPath(group), string.Join(" ", group.Exemplars.Select(e => e.TraceId ?? $"{Path.GetFileName(e.File)}:{e.Line}")),
            ]);
        }

        csv.Flush();
    }
}
