using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow check --batch FILE</c>: one case per line, one output line per case, in order.</summary>
public sealed class CheckBatchTests : IDisposable
{
    private static readonly string Matching = Scenarios.OneLine(Scenarios.Matching);

    private static readonly string Mismatching = Scenarios.OneLine(Scenarios.Mismatching);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Batch_BadLineInTheMiddle_GivesItsErrorAndEveryOtherResultInOrder()
    {
        var batch = _folder.WriteLines("cases.jsonl", Matching, Mismatching, "{\"schema\": 1", Mismatching, Matching);

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(5, run.Results.Count);
        Assert.Equal(["match", "mismatch"], run.Results.Take(2).Select(r => r.GetProperty("verdict").GetString()));
        Assert.Equal(3, run.Results[2].GetProperty("line").GetInt32());
        Assert.StartsWith("$", run.Results[2].GetProperty("error").GetString());
        Assert.Equal(["mismatch", "match"], run.Results.Skip(3).Select(r => r.GetProperty("verdict").GetString()));
        Assert.Contains("1 malformed line", run.Stderr);
    }

    [Fact]
    public async Task Batch_BlankLines_AreSkippedButKeepTheNumbering()
    {
        var batch = _folder.WriteLines("cases.jsonl", Matching, "", "   ", "not json");

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(2, run.Results.Count);
        Assert.Equal(4, run.Results[1].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Batch_CrLfLineEndingsAndNoFinalNewline_AreRead()
    {
        var batch = _folder.Write("cases.jsonl", $"{Matching}\r\n{Mismatching}\r\n{Matching}");

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["match", "mismatch", "match"], run.Results.Select(r => r.GetProperty("verdict").GetString()));
    }

    [Theory]
    [InlineData("cases.jsonl.gz")]
    [InlineData("cases-without-gz-suffix.jsonl")]
    public async Task Batch_GzipFile_IsDecompressedWhateverItsName(string name)
    {
        var batch = _folder.WriteGzip(name, $"{Matching}\n{Matching}\n");

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.Results.Count);
    }

    [Fact]
    public async Task Batch_LineLongerThanTheReadBuffer_IsReadWhole()
    {
        // Whitespace is valid JSON padding: the line is one scenario however long it is.
        var padded = Matching.Replace("{ \"schema\"", "{" + new string(' ', 9 << 20) + "\"schema\"", StringComparison.Ordinal);
        var batch = _folder.WriteLines("cases.jsonl", Mismatching, padded, Mismatching);

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(["mismatch", "match", "mismatch"], run.Results.Select(r => r.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Batch_LineTheReaderCannotDecode_IsThatLinesErrorOnly()
    {
        // A lone surrogate escape: not valid UTF-16, whatever the reader makes of it.
        var batch = _folder.WriteLines("cases.jsonl", Mismatching.Replace("cooldown below", "\\ud800 below", StringComparison.Ordinal), Matching);

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(1, run.Results[0].GetProperty("line").GetInt32());
        Assert.Equal("match", run.Results[1].GetProperty("verdict").GetString());
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Batch_CaseWithReport_UsesTheReportAsExpectation()
    {
        var corpusLine = $"{{\"scenario\": {Mismatching}, \"report\": {{\"matches\": true, \"legacy_attempts\": [], \"executor_attempts\": []}}}}";
        var batch = _folder.WriteLines("cases.jsonl", corpusLine);

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("expectation_failed", Assert.Single(run.Results).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Batch_ConformanceCorpus_ExitsZeroWithOneLinePerCaseInOrder()
    {
        var corpus = Repository.Path("fixtures", "conformance", "codex-helper-37c4485.jsonl.gz");

        var run = await AppRun.Of("check", "--batch", corpus, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5000, run.StdoutLines.Count);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"conformance-{i}"), run.Results.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(895, run.Results.Count(r => r.GetProperty("verdict").GetString() == "expected_mismatch"));
        Assert.Contains("5000 scenarios: 4105 match, 0 mismatch, 895 expected mismatch, 0 expectation failed, 0 engine error", run.Stderr);
    }

    [Fact]
    public async Task Batch_ManyBadLines_ReportsTheFirstTwentyOnStderrAndCountsThemAll()
    {
        var batch = _folder.WriteLines("cases.jsonl", [.. Enumerable.Repeat("[]", 25)]);

        var run = await AppRun.Of("check", "--batch", batch, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(25, run.Results.Count);
        Assert.Equal(20, run.Stderr.Split('\n').Count(l => l.Contains(": $: expected an object", StringComparison.Ordinal)));
        Assert.Contains("and 5 more", run.Stderr);
        Assert.Contains("25 malformed lines", run.Stderr);
    }

    [Fact]
    public async Task Batch_MissingFile_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(_folder.Root, "absent.jsonl");

        var run = await AppRun.Of("check", "--batch", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{missing}: no such file", run.Stderr);
    }

    [Fact]
    public async Task Batch_Table_RendersEveryCaseAndTheSummary()
    {
        var batch = _folder.WriteLines("cases.jsonl", Matching, "[]", Mismatching);

        var run = await AppRun.Of("check", "--batch", batch, "--format", "table");

        Assert.Equal(2, run.ExitCode);
        var blocks = run.Stdout.Split("\n\n");
        Assert.StartsWith("match  ", blocks[0]);
        Assert.StartsWith($"malformed  {batch}:2: $: expected an object", blocks[1]);
        Assert.StartsWith("mismatch  ", blocks[2]);
        Assert.Equal("2 scenarios: 1 match, 1 mismatch, 0 expected mismatch, 0 expectation failed, 0 engine error\n", blocks[3]);
        Assert.DoesNotContain("\e[", run.Stdout);
    }
}
