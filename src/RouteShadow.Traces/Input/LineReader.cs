using System.Buffers;
using System.Text.Unicode;

namespace RouteShadow.Traces.Input;

/// <summary>
/// Reads newline-delimited records from a stream into a reused buffer: constant memory however
/// long the file. A line longer than <see cref="MaxLineBytes"/> is reported and skipped without
/// being held; a line that is not UTF-8 is reported; a last line with no newline is returned
/// with <see cref="LastLineUnterminated"/> set, so a parse failure can be named "truncated".
/// Blank lines are not records and are passed over.
/// </summary>
public sealed class LineReader : ILineSource, IDisposable
{
    /// <summary>The default line limit: far above any codex-helper line once debug blobs are split out.</summary>
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    private const int InitialBuffer = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _file;
    private readonly MalformedLines _malformed;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    private long _lineNumber;

    /// <param name="linesBefore">Lines of the file before the stream's start, when it starts part-way through.</param>
    public LineReader(Stream stream, string file, MalformedLines malformed, int maxLineBytes = DefaultMaxLineBytes, long linesBefore = 0)
    {
        _lineNumber = linesBefore;
        _stream = stream;
        _file = file;
        _malformed = malformed;
        MaxLineBytes = maxLineBytes;
    }

    public int MaxLineBytes { get; }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber => _lineNumber;

    /// <summary>True when the line last returned was the file's last and had no newline.</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>The next non-blank, valid UTF-8 line, without its newline; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (_end - _start > MaxLineBytes)
                {
                    SkipLongLine();
                    continue;
                }

                if (!_eof)
                {
                    Fill();
                    continue;
                }

                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                newline = _end - _start;
                LastLineUnterminated = true;
            }

            _lineNumber++;
            ReadOnlySpan<byte> candidate = _buffer.AsSpan(_start, newline);
            _start = Math.Min(_start + newline + 1, _end);
            if (candidate.Length > MaxLineBytes)
            {
                Report(LineProblem.TooLong, $"line longer than {MaxLineBytes} bytes ({candidate.Length} bytes)");
                continue;
            }

            if (!IsRecord(ref candidate, out var badUtf8))
            {
                if (badUtf8)
                {
                    Report(LineProblem.BadUtf8, "not valid UTF-8");
                }

                continue;
            }

            line = candidate;
            return true;
        }
    }

    /// <summary>
    /// Whether a line's bytes (without the newline) hold a record: blank lines do not, and bytes
    /// that are not UTF-8 (<paramref name="badUtf8"/>) do not either. A trailing <c>\r</c> is trimmed off.
    /// </summary>
    internal static bool IsRecord(ref ReadOnlySpan<byte> candidate, out bool badUtf8)
    {
        candidate = candidate.TrimEnd((byte)'\r');
        badUtf8 = false;
        if (candidate.IsEmpty || candidate.IndexOfAnyExcept(" \t"u8) < 0)
        {
            return false;
        }

        badUtf8 = !Utf8.IsValid(candidate);
        return !badUtf8;
    }

    /// <summary>Reports a problem with the line last returned (its JSON or its fields).</summary>
    public void Report(LineProblem problem, string detail) => _malformed.Report(new MalformedLine(_file, _lineNumber, problem, detail));

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _stream.Dispose();
    }

    /// <summary>Reads more bytes, compacting or growing the buffer (never past the line limit plus one read).</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    /// <summary>Discards the rest of an over-long line, reading through to its newline.</summary>
    private void SkipLongLine()
    {
        long length = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                length += newline;
                _start += newline + 1;
                break;
            }

            length += _end - _start;
            _start = _end = 0;
            if (_eof)
            {
                break;
            }

            Fill();
        }

        _lineNumber++;
        Report(LineProblem.TooLong, $"line longer than {MaxLineBytes} bytes ({length} bytes)");
    }
}
