using System.Text;
using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Tests.Input;

public class LineReaderTests
{
    [Fact]
    public void TryReadLine_MixedInput_ReturnsGoodLinesAndReportsBadOnesWithTheirLineNumbers()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":1}\r\n\n   \n")
            .Concat(new byte[] { (byte)'{', 0xff, (byte)'}', (byte)'\n' })
            .Concat(Encoding.UTF8.GetBytes("{\"b\":2}\n{\"c\":"))
            .ToArray();
        var malformed = new MalformedLines();
        using var reader = new LineReader(new MemoryStream(bytes), "f.jsonl", malformed);

        var lines = new List<(string Text, long Number, bool Unterminated)>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add((Encoding.UTF8.GetString(line), reader.LineNumber, reader.LastLineUnterminated));
        }

        Assert.Equal([("{\"a\":1}", 1L, false), ("{\"b\":2}", 5L, false), ("{\"c\":", 6L, true)], lines);
        var bad = Assert.Single(malformed.Examples);
        Assert.Equal(("f.jsonl", 4L, LineProblem.BadUtf8), (bad.File, bad.Line, bad.Problem));
    }

    [Fact]
    public void TryReadLine_TenMegabyteLine_IsSkippedAndReportedWithoutHoldingIt()
    {
        var huge = new byte[10 * 1024 * 1024];
        Array.Fill(huge, (byte)'x');
        var bytes = Encoding.UTF8.GetBytes("{\"before\":1}\n").Concat(huge).Concat(Encoding.UTF8.GetBytes("\n{\"after\":1}\n")).ToArray();
        var malformed = new MalformedLines();
        using var reader = new LineReader(new MemoryStream(bytes), "big.jsonl", malformed);

        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        Assert.Equal(["{\"before\":1}", "{\"after\":1}"], lines);
        var tooLong = Assert.Single(malformed.Examples);
        Assert.Equal((2L, LineProblem.TooLong), (tooLong.Line, tooLong.Problem));
        Assert.Contains("10485760 bytes", tooLong.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ManyThreadsManyLines_KeepsTheFirstExamplesByFileAndLine()
    {
        var malformed = new MalformedLines();
        Parallel.For(0, 200, i => malformed.Report(new MalformedLine(i % 2 == 0 ? "b" : "a", 200 - i, LineProblem.BadJson, "x")));

        Assert.Equal(200, malformed.Count);
        Assert.Equal(MalformedLines.KeptExamples, malformed.Examples.Count);
        Assert.All(malformed.Examples, e => Assert.Equal("a", e.File));
        Assert.Equal(malformed.Examples.OrderBy(e => e.Line), malformed.Examples);
    }
}
