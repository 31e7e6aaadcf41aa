using RouteShadow.Cli.Tests.Support;

namespace RouteShadow.Cli.Tests.Commands;

/// <summary><c>routeshadow check PATH...</c>: scenario files and folders.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Check_MatchingScenario_ExitsZeroWithItsResult()
    {
        var file = _folder.Write("matching.json", Scenarios.Matching);

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var result = Assert.Single(run.Results);
        Assert.Equal("match", result.GetProperty("verdict").GetString());
        Assert.Equal("penalized upstream: both engines fail over", result.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Check_MismatchingScenario_ExitsOneWithDiffAndClasses()
    {
        var file = _folder.Write("mismatching.json", Scenarios.Mismatching);

        var run = await AppRun.Of("check", file, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = Assert.Single(run.Results);
        Assert.Equal("mismatch", result.GetProperty("verdict").GetString());
        Assert.Equal(0, result.GetProperty("diff").GetProperty("first_divergence").GetInt32());
        Assert.Equal("cooldown_below_threshold", Assert.Single(result.GetProperty("classes").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Check_SpecFixtures_ExitsZeroWithOneResultPerFileInOrdinalOrder()
    {
        var folder = Repository.Path("fixtures", "spec");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();

        var run = await AppRun.Of("check", folder, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(files.Count, run.Results.Count);
        Assert.Contains(run.Results, r => r.GetProperty("verdict").GetString() == "expected_mismatch");
        Assert.Contains("scenarios:", run.Stderr);
    }

    [Fact]
    public async Task Check_Folder_ChecksJsonFilesRecursivelyInOrdinalPathOrder()
    {
        _folder.Write("b.json", Named("b"));
        _folder.Write("a/z.json", Named("a/z"));
        _folder.Write("B.JSON", Named("B"));
        _folder.Write(".hidden/c.json", Named(".hidden/c"));

        var run = await AppRun.Of("check", _folder.Root, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([".hidden/c", "B", "a/z", "b"], run.Results.Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Check_FolderWithOtherFiles_SaysHowManyWereNotChecked()
    {
        _folder.Write("scenario.json", Scenarios.Matching);
        _folder.Write("notes.txt", "not a scenario");
        _folder.Write("cases.jsonl", "{}");

        var run = await AppRun.Of("check", _folder.Root, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Results);
        Assert.Contains("2 other files in the folders not checked", run.Stderr);
    }

    [Fact]
    public async Task Check_FilesAndFolders_KeepArgumentOrder()
    {
        var second = _folder.Write("second.json", Scenarios.Mismatching);
        var first = _folder.Write("first.json", Scenarios.Matching);

        var run = await AppRun.Of("check", second, first, "--format", "json");

        Assert.Equal(["mismatch", "match"], run.Results.Select(r => r.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Check_MissingPath_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(_folder.Root, "absent.json");

        var run = await AppRun.Of("check", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{missing}: no such file or folder", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Check_FolderWithoutScenarioFiles_ExitsTwo()
    {
        _folder.Write("readme.md", "# nothing to check");

        var run = await AppRun.Of("check", _folder.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no *.json files", run.Stderr);
    }

    [Fact]
    public async Task Check_MalformedBesideGoodFiles_ChecksTheGoodOnesAndExitsTwo()
    {
        _folder.Write("a.json", Scenarios.Mismatching);
        var bad = _folder.Write("b.json", "{ \"schema\": ");
        _folder.Write("c.json", Scenarios.Matching);

        var run = await AppRun.Of("check", _folder.Root, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(3, run.Results.Count);
        Assert.Equal("mismatch", run.Results[0].GetProperty("verdict").GetString());
        Assert.Equal(bad, run.Results[1].GetProperty("file").GetString());
        Assert.Equal("match", run.Results[2].GetProperty("verdict").GetString());
        Assert.Contains("1 malformed file", run.Stderr);
    }

    [Fact]
    public async Task Check_Table_ShowsEachScenarioThenTheSummary()
    {
        var file = _folder.Write("mismatching.json", Scenarios.Mismatching);

        var run = await AppRun.Of("check", file, "--format", "table");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mismatch  cooldown below the failure threshold\n", run.Stdout);
        Assert.EndsWith("1 scenario: 0 match, 1 mismatch, 0 expected mismatch, 0 expectation failed, 0 engine error\n", run.Stdout);
    }

    [Fact]
    public async Task Check_WithoutFormatOnATerminal_IsATable()
    {
        var file = _folder.Write("mismatching.json", Scenarios.Mismatching);

        var run = await AppRun.Of(outputIsTerminal: true, "check", file);

        Assert.Contains("executor", run.Stdout);
        Assert.Contains("1 scenario:", run.Stdout);
    }

    [Fact]
    public async Task Check_WithoutFormatRedirected_IsJsonLines()
    {
        var file = _folder.Write("mismatching.json", Scenarios.Mismatching);

        var run = await AppRun.Of(outputIsTerminal: false, "check", file);

        Assert.Equal("mismatch", Assert.Single(run.Results).GetProperty("verdict").GetString());
    }

    private static string Named(string name) => Scenarios.Matching.Replace("penalized upstream: both engines fail over", name, StringComparison.Ordinal);
}
