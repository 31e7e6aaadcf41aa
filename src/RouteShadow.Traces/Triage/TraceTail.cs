using RouteShadow.Traces.ControlTrace;
using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// Reads a control trace and keeps reading it as it grows: its rotated files first, oldest
/// first, then the active file, and on every <see cref="Poll"/> whatever was appended since.
/// Only whole lines are read; a line still being written waits for its newline.
/// </summary>
/// <remarks>
/// Files are told apart by their first bytes (a trace line starts with its own time and ids), not
/// by name: after a rotation (the active file renamed, a new one started) the renamed file is
/// recognised as the one already being read, drained to its end and never read again, so no event
/// is lost or read twice, whichever rotation scheme renamed it. A file that shrinks under the
/// reader was truncated in place and is read again from its start; a copy of it made before the
/// truncation (logrotate's <c>copytruncate</c>) is read on from where the reader had got to.
/// </remarks>
public sealed class TraceTail : IDisposable
{
    private readonly string _activePath;
    private readonly string _shownPath;
    private readonly MalformedLines _malformed;
    private readonly Action<MismatchEvent> _onEvent;
    private readonly TraceLineParser _parser = new(name => name is TraceEventNames.ShadowMismatch or TraceEventNames.StationSelection);
    private readonly Dictionary<string, IReadOnlyList<PlannedStation>> _offered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadSoFar> _read = new(StringComparer.Ordinal);
    private readonly ActiveFile _active;

    /// <param name="path">The active trace file, e.g. <c>control_trace.jsonl</c>; it may not exist yet.</param>
    /// <param name="onEvent">Called for each mismatch event, in file order.</param>
    public TraceTail(string path, MalformedLines malformed, Action<MismatchEvent> onEvent, int maxLineBytes = LineReader.DefaultMaxLineBytes)
    {
        _activePath = Path.GetFullPath(path);
        _shownPath = path;
        _malformed = malformed;
        _onEvent = onEvent;
        _active = new ActiveFile(maxLineBytes, Report, Line);
    }

    /// <summary>How many rotations and truncations were followed.</summary>
    public int Rotations { get; private set; }

    public int Truncations { get; private set; }

    /// <summary>Reads everything written since the last poll, across any rotation since.</summary>
    public void Poll(CancellationToken cancellationToken = default)
    {
        if (_active.IsOpen)
        {
            if (_active.Drain(cancellationToken) is var (head, before))
            {
                // Truncated in place; a copy of what it held (logrotate's copytruncate) is read on from where this left off.
                _read[head] = before;
                Truncations++;
            }

            if (!_active.IsAt(_activePath))
            {
                // Rotated away: anything written to it before the rename is read, then it is done with.
                _active.Drain(cancellationToken);
                _active.EndOfFile();
                _read[_active.Head()] = ReadSoFar.All;
                _active.Close();
                Rotations++;
            }
        }

        foreach (var rotated in LogFileSet.Resolve(_activePath).Files)
        {
            if (string.Equals(Path.GetFullPath(rotated), _activePath, StringComparison.Ordinal))
            {
                continue;
            }

            if (Head(rotated) is not { } head)
            {
                continue;
            }

            var done = _read.GetValueOrDefault(head);
            if (done != ReadSoFar.All)
            {
                ReadRest(rotated, done, cancellationToken);
                _read[head] = ReadSoFar.All;
            }
        }

        if (!_active.IsOpen && File.Exists(_activePath))
        {
            _active.Open(_activePath, _shownPath);
            _active.Drain(cancellationToken);
        }
    }

    /// <summary>
    /// The input has ended (a one-shot read): a last line without its newline is read as it is,
    /// so a line cut by a crash is reported as truncated.
    /// </summary>
    public void Complete() => _active.EndOfFile();

    public void Dispose() => _active.Close();

    /// <summary>Reads a rotated file from where an earlier read of the same file stopped (its start, for a file not met before).</summary>
    private void ReadRest(string path, ReadSoFar done, CancellationToken cancellationToken)
    {
        var shown = Path.Combine(Path.GetDirectoryName(_shownPath) ?? "", Path.GetFileName(path));
        var stream = LogFileSet.Open(path, out _);
        Skip(stream, done.Bytes);
        using var lines = new LineReader(stream, shown, _malformed, _active.MaxLineBytes, done.Lines);
        while (lines.TryReadLine(out var line))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Emit(JsonLine.Parse(lines, line, _parser.Parse), shown, lines.LineNumber);
        }
    }

    private static void Skip(Stream stream, long bytes)
    {
        var scratch = new byte[64 * 1024];
        while (bytes > 0 && stream.Read(scratch, 0, (int)Math.Min(scratch.Length, bytes)) is var read and > 0)
        {
            bytes -= read;
        }
    }

    private void Line(ReadOnlySpan<byte> line, ActiveFile file) => Emit(JsonLine.Parse(file, line, _parser.Parse), file.Shown, file.LineNumber);

    /// <summary>
    /// Hands on mismatch events. A legacy request logs its station selection (no request id) right
    /// before its shadow mismatch, so the last selection of the service goes with the next mismatch.
    /// </summary>
    private void Emit(TraceEvent? traceEvent, string file, long line)
    {
        var service = traceEvent?.Service ?? "codex";
        if (traceEvent is { Payload: StationSelection { IsRouteGraph: false, Stations.Count: > 0 } selection })
        {
            _offered[service] = selection.Stations;
        }
        else if (traceEvent is { Payload: ShadowMismatch mismatch })
        {
            _offered.Remove(service, out var offered);
            _onEvent(new MismatchEvent(
                file, line, traceEvent.TsMs, service, traceEvent.TraceId, mismatch.RequestModel,
                mismatch.LegacyAttempts, mismatch.ExecutorAttempts, offered));
        }
    }

    private void Report(MalformedLine line) => _malformed.Report(line);

    /// <summary>The identifying first bytes of a file (decompressed for <c>.gz</c>); null when it was deleted meanwhile (codex-helper prunes old files).</summary>
    private static string? Head(string path)
    {
        try
        {
            using var stream = LogFileSet.Open(path, out _);
            return ActiveFile.Head(stream);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
