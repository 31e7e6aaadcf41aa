namespace RouteShadow.Cli.Input;

/// <summary>Scenario files named on the command line: files as given, folders searched recursively for <c>*.json</c>.</summary>
internal static class ScenarioFiles
{
    // Hidden files and unreadable folders are not skipped: nothing is left out silently.
    private static readonly EnumerationOptions Search = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.None,
        IgnoreInaccessible = false,
    };

    /// <summary>
    /// The files to check, in argument order; a folder's files in ordinal path order, so runs are
    /// deterministic. Throws <see cref="UsageException"/> for a path that does not exist or a folder
    /// without scenario files.
    /// </summary>
    /// <param name="ignored">How many other files the folders hold: said, so that none is left out silently.</param>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> paths, out int ignored)
    {
        var files = new List<string>();
        ignored = 0;
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var all = Directory.EnumerateFiles(path, "*", Search).ToList();
                var found = all.Where(IsScenarioFile).Order(StringComparer.Ordinal).ToList();
                files.AddRange(found.Count > 0 ? found : throw new UsageException($"{path}: no *.json files in this folder"));
                ignored += all.Count - found.Count;
            }
            else
            {
                throw new UsageException($"{path}: no such file or folder");
            }
        }

        return files;
    }

    /// <summary>Reads the files, <paramref name="chunkSize"/> at a time.</summary>
    public static IEnumerable<IReadOnlyList<ScenarioInput>> Read(IReadOnlyList<string> files, int chunkSize)
    {
        foreach (var chunk in files.Chunk(chunkSize))
        {
            yield return [.. chunk.Select(file => new ScenarioInput(file, 1, File.ReadAllBytes(file)))];
        }
    }

    private static bool IsScenarioFile(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
}
