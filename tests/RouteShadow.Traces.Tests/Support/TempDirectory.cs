using System.Text;

namespace RouteShadow.Traces.Tests.Support;

/// <summary>A folder of files written by a test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "routeshadow-traces-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes lines, each ending in a newline.</summary>
    public string Write(string name, params string[] lines)
    {
        System.IO.File.WriteAllText(File(name), string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
        return File(name);
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        System.IO.File.WriteAllBytes(File(name), bytes);
        return File(name);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
