using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>
/// Streams the events of a control trace (or a legacy <c>retry_trace.jsonl</c>) and its rotated
/// files, oldest first. Malformed lines are reported with file and line number and skipped.
/// </summary>
/// <param name="wanted">Which events to materialise; others are checked and passed over. Null: all.</param>
public sealed class ControlTraceReader(
    LogFileSet files,
    MalformedLines malformed,
    Func<string, bool>? wanted = null,
    int maxLineBytes = LineReader.DefaultMaxLineBytes)
{
    public IEnumerable<TraceEvent> Read(CancellationToken cancellationToken = default)
    {
        var parser = new TraceLineParser(wanted);
        foreach (var file in files.Files)
        {
            using var lines = new LineReader(LogFileSet.Open(file, out _), file, malformed, maxLineBytes);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!lines.TryReadLine(out var line))
                {
                    break;
                }

                if (JsonLine.Parse(lines, line, parser.Parse) is { } traceEvent)
                {
                    yield return traceEvent;
                }
            }
        }
    }
}
