using System.Globalization;
using RouteShadow.Testing.Fuzzing;

namespace RouteShadow.Testing.GoModel;

/// <summary>A GoModel fuzz run for people (a table) and for machines (one JSON object), in the parity fuzzer's shapes.</summary>
public static class GoModelFuzzReport
{
    public static string Table(GoModelFuzzResult result, string? examplesDirectory)
    {
        var text = FuzzReportFraming.SummaryLine(
            string.Create(CultureInfo.InvariantCulture, $"fuzz gomodel: {result.Cases} cases from seed {result.Seed}: {result.Mismatches} specified/head ledger mismatches, {result.Unclassified} unclassified"),
            result.StoppedByTimeLimit);
        if (result.Findings.Count == 0)
        {
            return text.Append("no finding\n").ToString();
        }

        string[] header = ["class", "count", "example", "steps", "candidates", "replay"];
        var rows = result.Findings.Select(f => new[]
        {
            f.Class,
            f.Count.ToString(CultureInfo.InvariantCulture),
            ExamplePath(f, examplesDirectory) ?? "-",
            f.Example.GoModel!.Steps.Count.ToString(CultureInfo.InvariantCulture),
            f.Example.GoModel.Config.Pools.Sum(p => p.Candidates.Count).ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"seed {f.ExampleCase.Seed} (case {f.ExampleCase.Index})"),
        }).ToList();
        FuzzTable.Append(text, header, rows, 1, 3, 4);
        return text.ToString();
    }

    public static string Json(GoModelFuzzResult result, string? examplesDirectory)
    {
        return FuzzReportFraming.JsonObject(json =>
        {
            json.WriteString("engine", "gomodel");
            json.WriteNumber("cases", result.Cases);
            json.WriteNumber("mismatches", result.Mismatches);
            json.WriteStartObject("classes");
            foreach (var finding in result.Findings)
            {
                json.WriteStartObject(finding.Class);
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
    public static IReadOnlyList<string> WriteExamples(GoModelFuzzResult result, string directory) =>
        FuzzExampleWriter.Write(result.Findings.Select(f => (f.FileName, f.Example)), directory);

    private static string? ExamplePath(GoModelFinding finding, string? directory) => directory is null ? null : Path.Combine(directory, finding.FileName);
}
