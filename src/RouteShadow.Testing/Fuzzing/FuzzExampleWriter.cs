using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>Writes a run's examples as scenario files, one per class, named <see cref="FuzzFinding.FileName"/>.</summary>
public static class FuzzExampleWriter
{
    /// <summary>Writes every example into <paramref name="directory"/> (created if missing) and returns the paths, in class order.</summary>
    public static IReadOnlyList<string> Write(FuzzResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>(result.Findings.Count);
        foreach (var finding in result.Findings)
        {
            var path = Path.Combine(directory, finding.FileName);
            File.WriteAllBytes(path, ScenarioWriter.ToUtf8(finding.Example));
            paths.Add(path);
        }

        return paths;
    }
}
