using System.Text;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Input;
using RouteShadow.Cli.Output;
using RouteShadow.Cli.Replaying;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;
using RouteShadow.Traces.Reports;

namespace RouteShadow.Cli.Commands;

/// <summary>
/// Runs <c>routeshadow replay</c>: the summary on stdout (one JSON object, or a table), the report
/// files in <c>--out</c>, progress and the first malformed lines on stderr.
/// </summary>
internal sealed class ReplayHandler(ShadowRunner runner, StandardStreams streams, ILogger<ReplayHandler> logger)
{
    public int Run(ReplayCommandOptions options, CancellationToken cancellationToken)
    {
        var (input, named) = ReplaySources.Resolve(options);
        var malformed = new MalformedLines();
        var malformedLog = new MalformedLineLog(malformed, logger);

        logger.LogInformation("replaying {Requests} ({Files} log file(s)) against {Configs} config(s)", named[0], input.Requests.Files.Count, input.Configs.Count);
        ReplaySummary summary;
        using (var outputs = new ReplayOutputs(options.Out, runner, options.Reproduce))
        {
            ReplayProgressBar.Run(streams.Error, streams.ErrorIsTerminal, progress =>
                new ReplayRunner(runner, new ReplayOptions()).Run(input, malformed, outputs, progress, cancellationToken));
            summary = outputs.Finish(malformed, named);
            foreach (var reproduction in outputs.Reproductions)
            {
                logger.LogInformation("wrote {Reproduction}: run it with routeshadow reproduce", Path.Combine(options.Out, reproduction));
            }
        }

        malformedLog.Finish(ReplayOutputs.MarkdownFile);

        logger.LogInformation("wrote {Out}: mismatches.jsonl, summary.csv, report.md, report.html, fixtures/", options.Out);
        var text = options.Format == OutputFormat.Table ? ReplaySummaryText.Table(summary) : Encoding.UTF8.GetString(summary.ToJson()) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();
        return summary.Mismatches > 0 || summary.EngineErrors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
