using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.Input;

/// <summary>
/// Every kind of malformed scenario file is bad input: exit 2, and an error naming the file, the
/// line and the JSON path — on stderr for a person and as an object on stdout — never a stack trace.
/// </summary>
public sealed class MalformedScenarioTests : IDisposable
{
    private static readonly MalformedDocument[] Documents =
    [
        new(
            "unknown-field",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "routing",
                  "upstreams": [
                    { "base_url": "https://a.example/v1" },
                    { "base_url": "https://b.example/v1", "tagz": {} }
                  ]
                }
              ]
            }
            """,
            8, "$.stations[0].upstreams[1].tagz", "unknown field"),
        new(
            "wrong-type",
            """
            {
              "schema": "routeshadow/scenario@1",
              "request": { "model": 5 },
              "stations": []
            }
            """,
            3, "$.request.model", "expected a string"),
        new(
            "negative-count",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "routing",
                  "upstreams": [{ "base_url": "https://a.example/v1" }],
                  "state": {
                    "failure_counts": [-1]
                  }
                }
              ]
            }
            """,
            8, "$.stations[0].state.failure_counts[0]", "expected a non-negative integer"),
        new(
            "index-out-of-range",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "routing",
                  "upstreams": [{ "base_url": "https://a.example/v1" }],
                  "events": [
                    { "op": "record", "index": 1, "success": false }
                  ]
                }
              ]
            }
            """,
            8, "$.stations[0].events[0].index", "index 1 is out of range"),
        new(
            "duplicate-station-name",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                { "name": "routing", "upstreams": [] },
                { "name": "routing", "upstreams": [] }
              ]
            }
            """,
            5, "$.stations[1].name", "duplicate station name"),
        new(
            "missing-required-field",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "routing",
                  "upstreams": [
                    { "tags": {} }
                  ]
                }
              ]
            }
            """,
            7, "$.stations[0].upstreams[0]", "missing required field 'base_url'"),
        new(
            "state-array-length",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "routing",
                  "upstreams": [{ "base_url": "https://a.example/v1" }],
                  "state": {
                    "usage_exhausted": [false, true]
                  }
                }
              ]
            }
            """,
            8, "$.stations[0].state.usage_exhausted", "has 2 entries"),
        new(
            "duplicate-field",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [],
              "stations": []
            }
            """,
            4, "$.stations", "duplicate field"),
        new(
            "unsupported-schema",
            """
            {
              "name": "from the future",
              "schema": "routeshadow/scenario@2",
              "stations": []
            }
            """,
            3, "$.schema", "unsupported schema"),
        new(
            "missing-comma",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                { "name": "routing" "upstreams": [] }
              ]
            }
            """,
            4, "$.stations[0].name", "malformed JSON"),
        new(
            "truncated",
            """
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
            """,
            3, "$.stations", "malformed JSON"),
        new("empty", "", 1, "$", "malformed JSON"),
        new("array-at-root", "[]", 1, "$", "expected an object"),
    
    ];

    private readonly TempFolder _folder = new();

    public static TheoryData<string> Kinds => new(Documents.Select(d => d.Kind));

    /// <summary>In a batch an empty document is a blank line: skipped, not malformed.</summary>
    public static TheoryData<string> BatchKinds => new(Documents.Where(d => d.Text.Length > 0).Select(d => d.Kind));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Check_MalformedFile_ExitsTwoNamingFileLineAndPathWithoutStackTrace(string kind)
    {
        var (_, text, line, jsonPath, reason) = Documents.Single(d => d.Kind == kind);
        var file = _folder.Write(kind + ".json", text);

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file}:{line}: {jsonPath}: {reason}", run.Stderr);
        Assert.Contains("1 malformed file", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        var error = Assert.Single(run.Results);
        Assert.StartsWith($"{jsonPath}: {reason}", error.GetProperty("error").GetString());
        Assert.Equal(file, error.GetProperty("file").GetString());
        Assert.Equal(line, error.GetProperty("line").GetInt32());
    }

    [Theory]
    [MemberData(nameof(BatchKinds))]
    public async Task CheckBatch_MalformedLine_NamesTheBatchLineAndPath(string kind)
    {
        var (_, text, _, jsonPath, reason) = Documents.Single(d => d.Kind == kind);
        var batch = _folder.WriteLines("batch.jsonl", Scenarios.OneLine(Scenarios.Matching), Scenarios.OneLine(text));

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{batch}:2: {jsonPath}: {reason}", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(2, run.Results.Count);
        Assert.Equal(2, run.Results[1].GetProperty("line").GetInt32());
    }
}

/// <summary>A scenario document with one defect, and where and how the reader must report it.</summary>
internal sealed record MalformedDocument(string Kind, string Text, int Line, string JsonPath, string Reason);
