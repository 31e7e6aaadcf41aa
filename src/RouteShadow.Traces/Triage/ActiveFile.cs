using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Triage;

/// <summary>How much of a file has been read: whole lines only.</summary>
internal readonly record struct ReadSoFar(long Bytes, long Lines)
{
    public static ReadSoFar All { get; } = new(long.MaxValue, 0);
}

/// <summary>
/// The trace file being appended to, held open by <see cref="TraceTail"/>: where reading got to,
/// the start of a line still being written, and the line count. Holding the handle means a
/// rename does not take the file away: what was written before the rename is still read.
/// </summary>
internal sealed class ActiveFile(int maxLineBytes, Action<MalformedLine> report, ActiveFile.LineHandler onLine) : ILineSource
{
    public delegate void LineHandler(ReadOnlySpan<byte> line, ActiveFile file);

    private const int HeadBytes = 256;

    private FileStream? _stream;
    private string _head = "";
    private byte[] _buffer = new byte[64 * 1024];
    private int _pending;
    private long _offset;
    private long _skipping = -1;

    public int MaxLineBytes => maxLineBytes;

    public bool IsOpen => _stream is not null;

    public string Shown { get; private set; } = "";

    public long LineNumber { get; private set; }

    public bool LastLineUnterminated { get; private set; }

    public void Open(string path, string shown)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        Shown = shown;
        Reset();
        _head = "";
    }

    public void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>How far the file has been read: the bytes and lines of whole lines taken.</summary>
    public ReadSoFar Read => new(_offset - _pending - Math.Max(_skipping, 0), LineNumber);

    /// <summary>
    /// Reads every whole line appended since the last drain. When the file had been truncated first,
    /// returns the head it had and how far it had been read before that.
    /// </summary>
    public (string Head, ReadSoFar Read)? Drain(CancellationToken cancellationToken)
    {
        var stream = _stream!;
        (string, ReadSoFar)? truncated = null;
        // Shorter than what was read, or no longer starting as it did: emptied and written again.
        if (stream.Length < _offset || (_head.Length > 0 && !Head(stream).StartsWith(_head, StringComparison.Ordinal)))
        {
            truncated = (_head, Read);
            Reset();
        }

        stream.Position = _offset;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_pending == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, _pending, _buffer.Length - _pending);
            if (read == 0)
            {
                _head = Head(stream);
                return truncated;
            }

            _offset += read;
            var end = _pending + read;
            var start = 0;
            int newline;
            while ((newline = _buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                Take(_buffer.AsSpan(start, newline), newline);
                start += newline + 1;
            }

            Buffer.BlockCopy(_buffer, start, _buffer, 0, end - start);
            _pending = end - start;
            if (_pending > maxLineBytes)
            {
                // Too long to be a record: let it stream past until its newline, without holding it.
                _skipping = Math.Max(_skipping, 0) + _pending;
                _pending = 0;
            }
        }
    }

    /// <summary>The file will not grow: a last line without a newline is read as it stands.</summary>
    public void EndOfFile()
    {
        if (_pending > 0 || _skipping >= 0)
        {
            LastLineUnterminated = true;
            Take(_buffer.AsSpan(0, _pending), _pending);
            LastLineUnterminated = false;
            _pending = 0;
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> is still this file. Its head is read before ours: were it the
    /// same file, ours, read later, could only have grown past it.
    /// </summary>
    public bool IsAt(string path)
    {
        string theirs;
        try
        {
            using var other = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            theirs = Head(other);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        var ours = Head();
        return ours.StartsWith(theirs, StringComparison.Ordinal) && (theirs.Length > 0 || ours.Length == 0);
    }

    /// <summary>This file's identifying first bytes.</summary>
    public string Head() => Head(_stream!);

    /// <summary>The first bytes of a stream, as text that compares byte for byte.</summary>
    public static string Head(Stream stream)
    {
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }

        var head = new byte[HeadBytes];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = stream.Read(head, filled, head.Length - filled)) > 0)
        {
            filled += read;
        }

        return Convert.ToHexString(head, 0, filled);
    }

    public void Report(LineProblem problem, string detail) => report(new MalformedLine(Shown, LineNumber, problem, detail));

    private void Take(ReadOnlySpan<byte> line, long length)
    {
        LineNumber++;
        if (_skipping >= 0)
        {
            Report(LineProblem.TooLong, $"line longer than {maxLineBytes} bytes ({_skipping + length} bytes)");
            _skipping = -1;
            return;
        }

        if (LineReader.IsRecord(ref line, out var badUtf8))
        {
            onLine(line, this);
        }
        else if (badUtf8)
        {
            Report(LineProblem.BadUtf8, "not valid UTF-8");
        }
    }

    private void Reset()
    {
        _offset = 0;
        _pending = 0;
        _skipping = -1;
        LineNumber = 0;
    }
}
