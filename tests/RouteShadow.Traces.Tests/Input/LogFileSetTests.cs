using RouteShadow.Traces.Input;
using RouteShadow.Traces.Tests.Support;

namespace RouteShadow.Traces.Tests.Input;

public class LogFileSetTests
{
    [Fact]
    public void Resolve_CodexHelperRotation_OrdersByTheTimeInTheNameThenTheActiveFile()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "requests.jsonl", "requests.1700000000500.jsonl", "requests.1700000000010.jsonl", "requests_debug.1700000000000.jsonl", "control_trace.1.jsonl" })
        {
            dir.Write(name, "{}");
        }

        var files = LogFileSet.Resolve(dir.File("requests.jsonl")).Files.Select(Path.GetFileName);

        Assert.Equal(["requests.1700000000010.jsonl", "requests.1700000000500.jsonl", "requests.jsonl"], files);
    }

    [Fact]
    public void Resolve_LogrotateRotation_HigherNumbersAreOlderAndGzipIsRead()
    {
        using var dir = new TempDirectory();
        dir.Write("requests.jsonl", "{\"n\":3}");
        dir.Write("requests.jsonl.1", "{\"n\":2}");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(dir.File("requests.jsonl.2.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write("{\"n\":1}\n"u8);
        }

        var set = LogFileSet.Resolve(dir.File("requests.jsonl"));
        var contents = set.Files.Select(f =>
        {
            using var reader = new StreamReader(LogFileSet.Open(f, out _));
            return reader.ReadToEnd().Trim();
        });

        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], contents);
    }

    [Fact]
    public void Resolve_MissingActiveFile_StillFindsRotatedOnes()
    {
        using var dir = new TempDirectory();
        dir.Write("requests.1700000000010.jsonl", "{}");

        Assert.Single(LogFileSet.Resolve(dir.File("requests.jsonl")).Files);
        Assert.Empty(LogFileSet.Resolve(dir.File("nothing.jsonl")).Files);
    }
}
