using System.Globalization;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>
/// Renders a fuzz run for people (a table) and for machines (one JSON object). Both are pure:
/// the same result and directory always render the same text.
/// </summary>
public static class FuzzReport
{
    /// <summary>
    /// A summary line, then one row per class found: its count, its example file (under
    /// <paramref name="examplesDirectory"/>, or <c>-</c> when examples are not written), the
    /// example's size, and the seed and size that replay the case it was shrunk from.
    /// </summary>
    public static string Table(FuzzResult result, string? examplesDirectory)
    {
        var text = FuzzReportFraming.SummaryLine(
            string.Create(CultureInfo.InvariantCulture, $"fuzz: {result.Cases} {result.Mode.DisplayName()} cases from seed {result.Seed}: {result.Mismatches} mismatches, {result.Unclassified} unclassified"),
            result.StoppedByTimeLimit);
        if (result.Findings.Count == 0)
        {
            return text.Append("no divergence found\n").ToString();
        }

        string[] header = ["class", "count", "example", "stations", "upstreams", "replay"];
        var rows = result.Findings.Select(f => new[]
        {
            f.Class.WireName(),
            f.Count.ToString(CultureInfo.InvariantCulture),
            ExamplePath(f, examplesDirectory) ?? "-",
            f.Example.Stations.Count.ToString(CultureInfo.InvariantCulture),
            f.Example.Stations.Sum(s => s.Station.Upstreams.Count).ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"seed {f.ExampleCase.Seed} size {f.ExampleCase.Size} (case {f.ExampleCase.Index})"),
        }).ToList();

        FuzzTable.Append(text, header, rows, 1, 3, 4);
        return text.ToString();
    }

    /// <summary>
    /// <c>{"cases":N,"mismatches":K,"classes":{"&lt;class&gt;":{"count":c,"example":"file"}},"unclassified":U,"seed":S}</c>;
    /// <c>example</c> is null when examples are not written. An unclassified finding is listed
    /// under <c>classes</c> too, with its example.
    /// </summary>
    public static string Json(FuzzResult result, string? examplesDirectory)
    {
        return FuzzReportFraming.JsonObject(json =>
        {
            json.WriteNumber("cases", result.Cases);
            json.WriteNumber("mismatches", result.Mismatches);
            json.WriteStartObject("classes");
            foreach (var finding in result.Findings)
            {
                json.WriteStartObject(finding.Class.WireName());
                json.WriteNumber("count", finding.Count);
                json.WriteString("example", ExamplePath(finding, examplesDirectory));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteNumber("unclassified", result.Unclassified);
            json.WriteNumber("seed", result.Seed);
        });
    }

    /// <summary>Where <see cref="FuzzExampleWriter"/> puts a finding's example, or null when there is no directory.</summary>
    public static string? ExamplePath(FuzzFinding finding, string? examplesDirectory) =>
        examplesDirectory is null ? null : Path.Combine(examplesDirectory, finding.FileName);

}
