using System.Text.RegularExpressions;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Harn;

namespace RouteShadow.Testing.Tests.Harn;

public sealed partial class HarnDocTests
{
    /// <summary>The fuzz run docs/engines-harn.md shows is what the fuzzer prints for that command, byte for byte.</summary>
    [Fact]
    public void WorkedExample_FuzzOutput_IsTheRealRun()
    {
        var doc = File.ReadAllText(Repository.Path("docs", "engines-harn.md")).ReplaceLineEndings("\n");
        var shown = FuzzBlock().Match(doc).Groups["output"].Value;

        var result = new HarnFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = 10_000, Seed = 1 });

        Assert.Equal(HarnFuzzReport.Table(result, "fixtures/harn"), shown);
    }

    [GeneratedRegex(@"\$ routeshadow fuzz --engine harn --cases 10000 --out fixtures/harn --format table\n(?<output>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FuzzBlock();
}
