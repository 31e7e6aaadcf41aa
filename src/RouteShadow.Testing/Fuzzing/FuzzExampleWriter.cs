using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>Writes a run's examples as scenario files, one per class, each under its finding's file name.</summary>
public static class FuzzExampleWriter
{
    /// <summary>Writes every example into <paramref name="directory"/> (created if missing) and returns the paths, in class order.</summary>
    public static IReadOnlyList<string> Write(FuzzResult result, string directory) =>
        Write(result.Findings.Select(f => (f.FileName, f.Example)), directory);

    /// <summary>Writes each example under its file name, for any engine family's findings; returns the paths in order.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<(string FileName, Scenario Example)> examples, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (fileName, example) in examples)
        {
            var path = Path.Combine(directory, fileName);
            File.WriteAllBytes(path, ScenarioWriter.ToUtf8(example));
            paths.Add(path);
        }

        return paths;
    }
}
