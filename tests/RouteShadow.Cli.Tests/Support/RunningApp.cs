using System.IO.Pipelines;
using RouteShadow.Cli.Hosting;

namespace RouteShadow.Cli.Tests.Support;

/// <summary>
/// <c>routeshadow</c> running in-process on the real clock until stopped: its stdout is read as it
/// is written, every wait is bounded, and disposing stops it.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    /// <summary>How long any step may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // No back-pressure: the app's synchronous writes never wait on the test's reads.
    private readonly Pipe _stdout = new(new PipeOptions(pauseWriterThreshold: 0));
    private readonly StreamReader _lines;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _exit;

    private RunningApp(string[] args)
    {
        _lines = new StreamReader(_stdout.Reader.AsStream());
        var streams = new StandardStreams(_stdout.Writer.AsStream(), Stderr, OutputIsTerminal: false);

        // On the pool, so the app's synchronous start does not run on the test's thread.
        _exit = Task.Run(() => RouteShadowApp.RunAsync(args, streams, TimeProvider.System, _stop.Token));
    }

    /// <summary>What the app logged; read it once the app has exited.</summary>
    public StringWriter Stderr { get; } = new();

    public bool HasExited => _exit.IsCompleted;

    public static RunningApp Start(params string[] args) => new(args);

    /// <summary>The next line of stdout, failing after <see cref="Bound"/>.</summary>
    public async Task<string> ReadLineAsync() =>
        await _lines.ReadLineAsync().WaitAsync(Bound) ?? throw new InvalidOperationException("stdout ended: " + Stderr);

    /// <summary>Stops the app as Ctrl-C would and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _exit.WaitAsync(Bound);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exit.IsCompleted)
        {
            await _stop.CancelAsync();
            await _exit.WaitAsync(Bound);
        }

        _stop.Dispose();
        _lines.Dispose();
        await Stderr.DisposeAsync();
    }
}
