using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RouteShadow.Cli.Hosting;

namespace RouteShadow.Cli.Tests.Support;

/// <summary>One in-process run of <c>routeshadow</c>: its exit code and everything it wrote.</summary>
internal sealed record AppRun(int ExitCode, string Stdout, string Stderr)
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Each stdout line parsed as JSON (the json format).</summary>
    public IReadOnlyList<JsonElement> Results => [.. StdoutLines.Select(line => JsonDocument.Parse(line).RootElement)];

    public static Task<AppRun> Of(params string[] args) => Of(outputIsTerminal: false, args);

    public static Task<AppRun> Of(bool outputIsTerminal, params string[] args) =>
        Of(outputIsTerminal, new FakeTimeProvider(Now), CancellationToken.None, args);

    /// <summary>
    /// On the real clock, cancelled after <see cref="RunningApp.Bound"/>: HTTP reproductions wait
    /// (backoff, time limits) on the injected clock, which a fake one never moves — a reproduction
    /// with a backoff on it waits forever.
    /// </summary>
    public static async Task<AppRun> OverHttp(params string[] args)
    {
        using var bound = new CancellationTokenSource(RunningApp.Bound);
        return await Of(outputIsTerminal: false, TimeProvider.System, bound.Token, args);
    }

    /// <summary>A run on a clock the test chooses, which the test may stop as Ctrl-C would.</summary>
    public static async Task<AppRun> Of(bool outputIsTerminal, TimeProvider clock, CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new MemoryStream();
        await using var stderr = new StringWriter();
        // A follow writes its summaries from its own thread.
        var streams = new StandardStreams(stdout, TextWriter.Synchronized(stderr), outputIsTerminal);
        var exitCode = await RouteShadowApp.RunAsync(args, streams, clock, cancellationToken);
        return new AppRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
