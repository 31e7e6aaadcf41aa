using System.Globalization;
using System.IO.Compression;

namespace RouteShadow.Traces.Input;

/// <summary>
/// A log and its rotated predecessors, oldest first, so reading them in order reads the log in
/// the order it was written. Two rotation schemes are recognised next to <c>requests.jsonl</c>:
/// codex-helper's own (<c>requests.&lt;unix_ms&gt;.jsonl</c>, ascending by the time in the name)
/// and logrotate's (<c>requests.jsonl.1</c>, <c>.2.gz</c>…, where a higher number is older).
/// The active file comes last. A <c>.gz</c> file (<c>requests.&lt;unix_ms&gt;.jsonl.gz</c> too) is read decompressed.
/// </summary>
public sealed class LogFileSet
{
    private LogFileSet(string activePath, IReadOnlyList<string> files)
    {
        ActivePath = activePath;
        Files = files;
    }

    /// <summary>The path that was asked for (the active file).</summary>
    public string ActivePath { get; }

    /// <summary>Every file of the log, oldest first; the active file last when it exists.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Finds the rotated files next to <paramref name="activePath"/>. The active file may be missing if rotated files exist.</summary>
    public static LogFileSet Resolve(string activePath)
    {
        var full = Path.GetFullPath(activePath);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var stem = name.EndsWith(".jsonl", StringComparison.Ordinal) ? name[..^".jsonl".Length] : name;

        var codexHelperStyle = new List<(long Ms, string Path)>();
        var logrotateStyle = new List<(long N, string Path)>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory))
            {
                var file = Path.GetFileName(path);
                if ((Number(file, stem + ".", ".jsonl") ?? Number(file, stem + ".", ".jsonl.gz")) is { } ms)
                {
                    codexHelperStyle.Add((ms, path));
                }
                else if ((Number(file, name + ".", "") ?? Number(file, name + ".", ".gz")) is { } n)
                {
                    logrotateStyle.Add((n, path));
                }
            }
        }

        var files = new List<string>();
        files.AddRange(codexHelperStyle.OrderBy(f => f.Ms).Select(f => f.Path));
        files.AddRange(logrotateStyle.OrderByDescending(f => f.N).Select(f => f.Path));
        if (File.Exists(full))
        {
            files.Add(full);
        }

        return new LogFileSet(activePath, files);
    }

    /// <summary>The total size of the files on disk (compressed size for <c>.gz</c>), for progress.</summary>
    public long TotalBytes => Files.Sum(f => new FileInfo(f).Length);

    /// <summary>Opens one file of the set for sequential reading; <paramref name="file"/> is the raw file, whose position is the progress.</summary>
    public static Stream Open(string path, out FileStream file)
    {
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The decimal number between <paramref name="prefix"/> and <paramref name="suffix"/>, if that is all the name holds.</summary>
    private static long? Number(string file, string prefix, string suffix)
    {
        if (file.Length <= prefix.Length + suffix.Length
            || !file.StartsWith(prefix, StringComparison.Ordinal)
            || !file.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = file.AsSpan(prefix.Length, file.Length - prefix.Length - suffix.Length);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
