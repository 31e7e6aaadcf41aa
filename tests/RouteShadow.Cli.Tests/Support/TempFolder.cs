using System.IO.Compression;
using System.Text;

namespace RouteShadow.Cli.Tests.Support;

/// <summary>A scratch folder for input files, deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "routeshadow-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> (folders created) and returns the full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes the lines as one JSON lines file, each ended by a newline.</summary>
    public string WriteLines(string relativePath, params string[] lines) => Write(relativePath, string.Concat(lines.Select(l => l + "\n")));

    public string WriteGzip(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
