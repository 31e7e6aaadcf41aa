using System.Globalization;
using RouteShadow.Testing.Fuzzing;

namespace RouteShadow.Testing.Harn;

/// <summary>Renders a harn fuzz run as a table or one JSON object, and writes its examples; the same result always renders the same text.</summary>
public static class HarnFuzzReport
{
    /// <summary>A summary line, then one row per class: its spec ids, the check it fails, its count, its example file and the case it was shrunk from.</summary>
    public static string Table(HarnFuzzResult result, string? examplesDirectory)
    {
        var text = FuzzReportFraming.SummaryLine(
            string.Create(CultureInfo.InvariantCulture, $"fuzz harn: {result.Cases} cases from seed {result.Seed}: {result.Violations} check violations on the seed, {result.Unclassified} unclassified"),
            result.StoppedByTimeLimit);
        if (result.Findings.Count == 0)
        {
            return text.Append("no violation found\n").ToString();
        }

        string[] header = ["class", "spec", "check", "count", "example", "links", "replay"];
        var rows = result.Findings.Select(f => new[]
        {
            f.Class.WireName(),
            f.Class.SpecIds(),
            f.Class.Check(),
            f.Count.ToString(CultureInfo.InvariantCulture),
            ExamplePath(f, examplesDirectory) ?? "-",
            f.Example.Harn!.Question.Policy.Chain.Count.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"seed {f.ExampleCase.Seed} (case {f.ExampleCase.Index})"),
        }).ToList();
        FuzzTable.Append(text, header, rows, 3, 5);
        return text.ToString();
    }

    /// <summary><c>{"engine":"harn","cases":N,"violations":K,"classes":{"&lt;class&gt;":{"spec":…,"check":…,"count":c,"example":"file"}},"unclassified":U,"seed":S}</c>.</summary>
    public static string Json(HarnFuzzResult result, string? examplesDirectory)
    {
        return FuzzReportFraming.JsonObject(json =>
        {
            json.WriteString("engine", "harn");
            json.WriteNumber("cases", result.Cases);
            json.WriteNumber("violations", result.Violations);
            json.WriteStartObject("classes");
            foreach (var finding in result.Findings)
            {
                json.WriteStartObject(finding.Class.WireName());
                json.WriteString("spec", finding.Class.SpecIds());
                json.WriteString("check", finding.Class.Check());
                json.WriteNumber("count", finding.Count);
                json.WriteString("example", ExamplePath(finding, examplesDirectory));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteNumber("unclassified", result.Unclassified);
            json.WriteNumber("seed", result.Seed);
        });
    }

    /// <summary>Writes every example into <paramref name="directory"/> (created if missing), one file per class; returns the paths in class order.</summary>
    public static IReadOnlyList<string> WriteExamples(HarnFuzzResult result, string directory) =>
        FuzzExampleWriter.Write(result.Findings.Select(f => (f.FileName, f.Example)), directory);

    private static string? ExamplePath(HarnFinding finding, string? examplesDirectory) =>
        examplesDirectory is null ? null : Path.Combine(examplesDirectory, finding.FileName);
}
