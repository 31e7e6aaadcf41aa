using System.Text;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Tests.Support;
using RouteShadow.Traces.Triage;

namespace RouteShadow.Traces.Tests.Triage;

public class TraceTailTests
{
    private static readonly Core.Scenarios.Scenario Collision =
        ShadowEvents.Fixture("s03-cross-station-key-collision-healthy-overwrites-penalized");

    [Fact]
    public void Poll_ActiveFileRenamedAndReplaced_ReadsEveryEventOnce()
    {
        using var dir = new TempDirectory();
        var active = dir.File("control_trace.jsonl");
        var (tail, seen, _) = Tail(active);
        Append(active, 1, 5);
        tail.Poll();
        Assert.Equal(Ids(1, 5), seen);

        // Written before the rename but not yet read; then codex-helper's rotation and a fresh file.
        Append(active, 6, 8);
        File.Move(active, dir.File("control_trace.1778716900000.jsonl"));
        Append(active, 9, 12);
        tail.Poll();
        tail.Poll();

        Assert.Equal(Ids(1, 12), seen);
        Assert.Equal(1, tail.Rotations);

        // Then a logrotate-style rename: numbered names shift, but files already read are recognised.
        Append(active, 13, 14);
        File.Move(active, dir.File("control_trace.jsonl.1"));
        Append(active, 15, 15);
        tail.Poll();

        Assert.Equal(Ids(1, 15), seen);
    }

    [Fact]
    public void Poll_StartedAfterRotations_ReadsRotatedFilesOldestFirstThenTheActiveOne()
    {
        using var dir = new TempDirectory();
        Append(dir.File("control_trace.1778716900000.jsonl"), 3, 4);
        Append(dir.File("control_trace.1778716800000.jsonl"), 1, 2);
        var active = dir.File("control_trace.jsonl");
        Append(active, 5, 6);
        var (tail, seen, _) = Tail(active);

        tail.Poll();

        Assert.Equal(Ids(1, 6), seen);
    }

    [Fact]
    public void Poll_FileTruncatedInPlace_ReadsItAgainFromItsStart()
    {
        using var dir = new TempDirectory();
        var active = dir.File("control_trace.jsonl");
        var (tail, seen, _) = Tail(active);
        Append(active, 1, 3);
        tail.Poll();

        // As logrotate's copytruncate does, while the reader holds the file open.
        using (new FileStream(active, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        Append(active, 4, 5);
        tail.Poll();

        Assert.Equal(Ids(1, 5), seen);
        Assert.Equal(1, tail.Truncations);
    }

    [Fact]
    public void Poll_CopiedThenTruncated_ReadsTheCopyOnFromWhereTheActiveFileWasLeft()
    {
        using var dir = new TempDirectory();
        var active = dir.File("control_trace.jsonl");
        var (tail, seen, _) = Tail(active);
        Append(active, 1, 3);
        tail.Poll();

        // logrotate's copytruncate: lines 4 and 5 reach the file after the last poll, then it is copied and emptied.
        Append(active, 4, 5);
        File.Copy(active, dir.File("control_trace.jsonl.1"));
        using (new FileStream(active, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        // Already longer than it was when last read: the new first line tells the truncation.
        Append(active, 6, 9);
        tail.Poll();
        tail.Poll();

        Assert.Equal(Ids(1, 9), seen.Order(StringComparer.Ordinal));
        Assert.Equal(1, tail.Truncations);
    }

    [Fact]
    public void Poll_LineStillBeingWritten_WaitsForItsNewline()
    {
        using var dir = new TempDirectory();
        var active = dir.File("control_trace.jsonl");
        var (tail, seen, malformed) = Tail(active);
        var line = ShadowEvents.Line(Collision, 1);
        File.WriteAllText(active, line[..100]);
        tail.Poll();
        Assert.Empty(seen);

        File.AppendAllText(active, line[100..] + "\n");
        tail.Poll();

        Assert.Equal(Ids(1, 1), seen);
        Assert.Equal(0, malformed.Count);
    }

    [Fact]
    public void Complete_CutLastLine_IsReportedAsTruncatedWithItsLineNumber()
    {
        using var dir = new TempDirectory();
        var active = dir.File("control_trace.jsonl");
        var (tail, seen, malformed) = Tail(active);
        Append(active, 1, 2);
        File.AppendAllText(active, "not json\n" + ShadowEvents.Line(Collision, 3)[..80]);

        tail.Poll();
        tail.Complete();

        Assert.Equal(Ids(1, 2), seen);
        Assert.Equal(2, malformed.Count);
        Assert.Equal([(3L, LineProblem.BadJson), (4L, LineProblem.Truncated)], malformed.Examples.Select(m => (m.Line, m.Problem)));
        Assert.All(malformed.Examples, m => Assert.Equal(active, m.File));
    }

    [Fact]
    public void Poll_MissingFile_WaitsForItToAppear()
    {
        using var dir = new TempDirectory();
        var active = dir.File("control_trace.jsonl");
        var (tail, seen, _) = Tail(active);
        tail.Poll();

        Append(active, 1, 2);
        tail.Poll();

        Assert.Equal(Ids(1, 2), seen);
    }

    private static (TraceTail Tail, List<string> Seen, MalformedLines Malformed) Tail(string path)
    {
        var seen = new List<string>();
        var malformed = new MalformedLines();
        return (new TraceTail(path, malformed, e => seen.Add(e.TraceId!)), seen, malformed);
    }

    private static void Append(string path, int first, int last)
    {
        var text = new StringBuilder();
        for (var id = first; id <= last; id++)
        {
            text.Append(ShadowEvents.Line(Collision, id)).Append('\n');
        }

        File.AppendAllText(path, text.ToString());
    }

    private static List<string> Ids(int first, int last) => [.. Enumerable.Range(first, last - first + 1).Select(i => $"codex-{i}")];
}
