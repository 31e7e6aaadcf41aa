using System.Globalization;
using System.Text;
using System.Text.Json;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.GoModel;

/// <summary>A GoModel fuzz run for people (a table) and for machines (one JSON object), in the parity fuzzer's shapes.</summary>
public static class GoModelFuzzReport
{
    public static string Table(GoModelFuzzResult result, string? examplesDirectory)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"fuzz gomodel: {result.Cases} cases from seed {result.Seed}: {result.Mismatches} specified/head ledger mismatches, {result.Unclassified} unclassified");
        text.Append(result.StoppedByTimeLimit ? " (stopped by the time limit)\n" : "\n");
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
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        text.Append('\n');
        foreach (var row in rows.Prepend(header))
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = c is 1 or 3 or 4 ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]);
                text.Append(c == 0 ? "" : "  ").Append(c == row.Length - 1 ? cell.TrimEnd() : cell);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string Json(GoModelFuzzResult result, string? examplesDirectory)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            json.WriteStartObject();
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
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes every example as <c>&lt;class&gt;.json</c> into <paramref name="directory"/> and returns the paths.</summary>
    public static IReadOnlyList<string> WriteExamples(GoModelFuzzResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        return [.. result.Findings.Select(f =>
        {
            var path = Path.Combine(directory, f.FileName);
            File.WriteAllBytes(path, ScenarioWriter.ToUtf8(f.Example));
            return path;
        })];
    }

    private static string? ExamplePath(GoModelFinding finding, string? directory) => directory is null ? null : Path.Combine(directory, finding.FileName);
}
