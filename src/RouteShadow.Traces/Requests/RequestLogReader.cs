using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Requests;

/// <summary>
/// Streams the records of a request log and its rotated files, oldest first. A line that cannot
/// be read is reported to <see cref="MalformedLines"/> with its file and line number, and
/// reading goes on with the next one.
/// </summary>
public sealed class RequestLogReader(LogFileSet files, MalformedLines malformed, int maxLineBytes = LineReader.DefaultMaxLineBytes)
{
    private long _finishedBytes;
    private FileStream? _current;

    /// <summary>Bytes of the files read so far (on disk), for progress.</summary>
    public long BytesRead => _finishedBytes + (_current?.CanSeek == true ? _current.Position : 0);

    public IEnumerable<RequestRecord> Read(CancellationToken cancellationToken = default)
    {
        foreach (var file in files.Files)
        {
            using var lines = new LineReader(LogFileSet.Open(file, out _current), file, malformed, maxLineBytes);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!lines.TryReadLine(out var line))
                {
                    break;
                }

                var record = JsonLine.Parse(lines, line, RequestLineParser.Parse);
                if (record is not null)
                {
                    yield return record;
                }
            }

            _finishedBytes += new FileInfo(file).Length;
            _current = null;
        }
    }
}
