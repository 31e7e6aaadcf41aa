using RouteShadow.Traces.Replay;
using Spectre.Console;

namespace RouteShadow.Cli.Replaying;

/// <summary>
/// Shows a replay's progress — bytes of the request log read — as a Spectre.Console bar on
/// stderr, only when a person watches stderr; otherwise the replay runs without one.
/// </summary>
internal static class ReplayProgressBar
{
    public static T Run<T>(TextWriter error, bool errorIsTerminal, Func<IProgress<ReplayProgress>?, T> replay)
    {
        if (!errorIsTerminal)
        {
            return replay(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("replaying", maxValue: 1);
                return replay(new Progress(task));
            });
    }

    /// <summary>Updates the bar on the replay's own thread: Spectre redraws it on its own.</summary>
    private sealed class Progress(ProgressTask task) : IProgress<ReplayProgress>
    {
        public void Report(ReplayProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalBytes);
            task.Value = value.BytesRead;
            task.Description = $"replaying: {value.Requests:N0} requests";
        }
    }
}
