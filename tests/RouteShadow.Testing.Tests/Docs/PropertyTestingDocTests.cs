using System.Text.RegularExpressions;

namespace RouteShadow.Testing.Tests.Docs;

public sealed partial class PropertyTestingDocTests
{
    /// <summary>The example users copy is the code CI compiles and runs, line for line.</summary>
    [Fact]
    public void Example_IsTheCompiledRoutingParityTests()
    {
        var doc = File.ReadAllText(Repository.Path("docs", "property-testing.md"));
        var test = File.ReadAllText(Repository.Path("tests", "RouteShadow.Testing.Tests", "Docs", "RoutingParityTests.cs"));

        var example = CSharpBlock().Match(doc).Groups["code"].Value;
        var compiled = string.Join('\n', test.Split('\n').Where(line => !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("namespace ", StringComparison.Ordinal)));

        Assert.Equal(Normalized(compiled), Normalized(example));
    }

    private static string Normalized(string code) => BlankLines().Replace(code.ReplaceLineEndings("\n"), "\n").Trim();

    [GeneratedRegex(@"```csharp\n(?<code>using FsCheck;.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\n{2,}")]
    private static partial Regex BlankLines();
}
