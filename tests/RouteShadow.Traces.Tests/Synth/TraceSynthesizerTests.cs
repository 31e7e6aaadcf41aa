using RouteShadow.Traces.Config;
using RouteShadow.Traces.Synth;
using RouteShadow.Traces.Tests.Support;

namespace RouteShadow.Traces.Tests.Synth;

public class TraceSynthesizerTests
{
    [Fact]
    public void Write_SameSeed_WritesTheSameBytes_AndAnotherSeedDoesNot()
    {
        using var dir = new TempDirectory();
        var first = TraceSynthesizer.Write(new SynthOptions(300, 5), dir.File("a"), CancellationToken.None);
        var second = TraceSynthesizer.Write(new SynthOptions(300, 5), dir.File("b"), CancellationToken.None);
        var other = TraceSynthesizer.Write(new SynthOptions(300, 6), dir.File("c"), CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(first.RequestsPath), File.ReadAllBytes(second.RequestsPath));
        Assert.Equal(File.ReadAllBytes(first.TracePath), File.ReadAllBytes(second.TracePath));
        Assert.NotEqual(File.ReadAllBytes(first.RequestsPath), File.ReadAllBytes(other.RequestsPath));
        Assert.Equal(300, File.ReadAllLines(first.RequestsPath).Length);
    }

    [Fact]
    public void Write_ReplayedTrace_ReadsCleanlyAndTheExecutorExplainsProduction()
    {
        using var dir = new TempDirectory();
        var trace = TraceSynthesizer.Write(new SynthOptions(400, 11) { MeanGapMs = 5_000, RestartEvery = 250 }, dir.Path, CancellationToken.None);

        var (results, malformed) = Replays.Run(trace.RequestsPath, trace.TracePath, [ConfigReader.Read(trace.ConfigPath)]);

        Assert.Equal(0, malformed.Count);
        Assert.Equal(400, results.Results.Count);
        var replayed = results.Results.Where(r => r.IsReplayed).ToList();
        Assert.True(replayed.Count >= 390, $"{replayed.Count} replayed");
        Assert.All(replayed, r => Assert.True(r.Fidelity!.Executor.Explains, r.Request.TraceId));
        Assert.Contains(replayed, r => r.IsMismatch);
        Assert.Contains(replayed, r => !r.Fidelity!.Legacy.Explains);
    }

    [Fact]
    public void SeededRandom_SameSeed_SameSequence()
    {
        var (a, b) = (new SeededRandom(42), new SeededRandom(42));

        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.NextUInt64()), Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        Assert.InRange(new SeededRandom(1).NextDouble(), 0, 1);
    }
}
