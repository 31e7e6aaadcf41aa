using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Input;

/// <summary>Where a check's scenarios come from: scenario files, or the lines of a batch file.</summary>
/// <param name="Chunks">The inputs, a chunk at a time; each chunk is valid until the next is read.</param>
/// <param name="Read">Reads one input: a scenario document, or a batch case.</param>
/// <param name="Unit">What one input is, for counts: <c>file</c> or <c>line</c>.</param>
/// <param name="Ignored">Files in the folders searched that are not scenarios (not <c>*.json</c>).</param>
internal sealed record ScenarioSource(
    IEnumerable<IReadOnlyList<ScenarioInput>> Chunks, Func<ReadOnlySpan<byte>, Scenario> Read, string Unit, int Ignored = 0)
{
    /// <summary>Throws <see cref="UsageException"/> at once for a path that names nothing to check.</summary>
    public static ScenarioSource Files(IEnumerable<string> paths, int chunkSize)
    {
        var files = ScenarioFiles.Resolve(paths, out var ignored);
        return new(ScenarioFiles.Read(files, chunkSize), ScenarioReader.Read, "file", ignored);
    }

    public static ScenarioSource Batch(string path, int chunkSize) => new(BatchLines.Read(path, chunkSize), ScenarioReader.ReadCase, "line");
}
