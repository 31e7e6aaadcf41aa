using System.IO.Compression;

namespace RouteShadow.Cli.Input;

/// <summary>
/// Streams a JSON lines file (gzip-compressed or not) as chunks of non-blank lines, numbered as in
/// the file. Lines are slices of one reusable buffer, so a chunk is valid until the next is read.
/// </summary>
internal static class BatchLines
{
    private const int InitialBufferSize = 8 << 20;

    /// <summary>Reads <paramref name="path"/> in chunks of up to <paramref name="maxLines"/> lines.</summary>
    public static IEnumerable<IReadOnlyList<ScenarioInput>> Read(string path, int maxLines)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such file");
        }

        using var stream = OpenDecompressed(path);
        var buffer = new byte[InitialBufferSize];
        int start = 0, end = 0;
        long lineNumber = 0;
        var atEnd = false;
        var chunk = new List<ScenarioInput>(maxLines);
        while (true)
        {
            chunk.Clear();
            while (chunk.Count < maxLines && NextLine(buffer, ref start, end, atEnd) is { } line)
            {
                lineNumber++;
                if (!IsBlank(line.Span))
                {
                    chunk.Add(new ScenarioInput(path, lineNumber, line));
                }
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
                continue;
            }

            if (atEnd && start == end)
            {
                yield break;
            }

            // Whatever is left is a partial line: keep it, make room (a line may outgrow the buffer), read on.
            var rest = end - start;
            if (rest == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, rest);
            (start, end) = (0, rest);
            end += ReadFully(stream, buffer.AsSpan(end));
            atEnd = end < buffer.Length;
        }
    }

    /// <summary>The next complete line without its line break; at the end of the file, the unterminated rest.</summary>
    private static ReadOnlyMemory<byte>? NextLine(byte[] buffer, ref int start, int end, bool atEnd)
    {
        var length = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
        if (length < 0)
        {
            if (!atEnd || start == end)
            {
                return null;
            }

            length = end - start;
        }

        var line = buffer.AsMemory(start, length);
        start = Math.Min(start + length + 1, end);
        return line.Span is [.., (byte)'\r'] ? line[..^1] : line;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    private static int ReadFully(Stream stream, Span<byte> target)
    {
        var total = 0;
        int read;
        while (total < target.Length && (read = stream.Read(target[total..])) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Opens the file, decompressing it when it starts with the gzip magic number, whatever its name.</summary>
    private static Stream OpenDecompressed(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var isGzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic is [0x1f, 0x8b];
        file.Position = 0;
        return isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }
}
