using RouteShadow.Cli.Commands;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Cli.Replaying;

/// <summary>
/// Finds what a replay reads. Unnamed inputs are looked for where codex-helper keeps them: the
/// control trace next to the request log, the config next to it or one folder up (the logs live
/// in <c>&lt;home&gt;/logs/</c>, the config in <c>&lt;home&gt;/</c>). Anything missing or
/// unreadable is a <see cref="UsageException"/>: nothing can be replayed without it.
/// </summary>
internal static class ReplaySources
{
    private static readonly string[] ConfigNames = ["config.toml", "config.json"];

    public static (ReplayInput Input, IReadOnlyList<string> Named) Resolve(ReplayCommandOptions options)
    {
        var requestsPath = options.Requests ?? ReplayCommand.SampleRequests;
        var requests = LogFileSet.Resolve(requestsPath);
        if (requests.Files.Count == 0)
        {
            throw new UsageException(options.Requests is null
                ? $"{requestsPath}: the bundled sample is not here; run from the repository root or give --requests"
                : $"{requestsPath}: no such request log (nor rotated files of it)");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(requestsPath))!;
        var tracePath = options.Trace ?? Existing(Path.Combine(folder, "control_trace.jsonl"));
        LogFileSet? trace = null;
        if (tracePath is not null)
        {
            trace = LogFileSet.Resolve(tracePath);
            if (trace.Files.Count == 0)
            {
                throw new UsageException($"{tracePath}: no such control trace");
            }
        }

        var configPaths = options.Configs.Count > 0 ? options.Configs : [DefaultConfig(folder)];
        var configs = configPaths.Select(Read).ToList();
        string[] named = [requestsPath, .. tracePath is null ? Array.Empty<string>() : [tracePath], .. configPaths];
        return (new ReplayInput(requests, trace, configs), [.. named.Select(Shown)]);
    }

    /// <summary>Reads a config; a missing or unreadable one is a usage error.</summary>
    public static ProxyConfig Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path}: no such config");
        }

        try
        {
            return ConfigReader.Read(path);
        }
        catch (ConfigException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static string DefaultConfig(string logFolder) =>
        FindConfig(logFolder) ?? throw new UsageException($"no config.toml or config.json next to the request log or above it ({logFolder}); give --config");

    /// <summary>Where codex-helper keeps the config of logs in <paramref name="logFolder"/>: next to them or one folder up; null when in neither.</summary>
    public static string? FindConfig(string logFolder)
    {
        var parent = Path.GetDirectoryName(logFolder);
        var candidates = ConfigNames.Select(n => Path.Combine(logFolder, n))
            .Concat(parent is null ? [] : ConfigNames.Select(n => Path.Combine(parent, n)));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>A path as a person would type it: relative to the working folder when it lies below it.</summary>
    public static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private static string? Existing(string path) => File.Exists(path) || LogFileSet.Resolve(path).Files.Count > 0 ? path : null;
}
