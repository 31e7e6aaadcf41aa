using System.Text;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Checking;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Input;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Commands;

/// <summary>
/// Runs <c>routeshadow check</c>: results on stdout in the chosen format, and on stderr the first
/// malformed inputs, how many there were, and (for JSON output) the summary.
/// </summary>
internal sealed class CheckHandler(ScenarioCheck check, StandardStreams streams, ILogger<CheckHandler> logger)
{
    // A batch whose every line is broken should not flood stderr: the JSON output holds them all.
    private const int ReportedErrors = 20;

    // ~1-2k lines per chunk keeps both cores busy between the ordered writes at a few MB of buffers.
    private const int ChunkSize = 2048;

    public int Run(CheckOptions options, CancellationToken cancellationToken)
    {
        var source = options.Batch is { } batch ? ScenarioSource.Batch(batch, ChunkSize) : ScenarioSource.Files(options.Paths, ChunkSize);
        if (source.Ignored > 0)
        {
            logger.LogInformation("{Ignored} in the folders not checked: scenario files end in .json", CheckTally.Count(source.Ignored, "other file"));
        }

        var color = options.Format == OutputFormat.Table && streams.OutputIsTerminal && !NoColorRequested();
        IResultWriter writer = options.Format == OutputFormat.Table ? new TableWriter(color) : new JsonLinesWriter();

        var reported = 0;
        var tally = new CheckPipeline(check, writer).Run(source, streams.Output, error =>
        {
            if (reported++ < ReportedErrors)
            {
                logger.LogError("{Location}:{Line}: {Problem}", error.Source, error.Line, error.Problem);
            }
        }, cancellationToken);

        if (tally.Malformed > ReportedErrors)
        {
            logger.LogError("… and {More} more", tally.Malformed - ReportedErrors);
        }

        if (tally.Malformed > 0)
        {
            logger.LogWarning("{Malformed}", CheckTally.Count(tally.Malformed, "malformed " + source.Unit));
        }

        if (options.Format == OutputFormat.Table)
        {
            streams.Output.Write(Encoding.UTF8.GetBytes(tally + "\n"));
            streams.Output.Flush();
        }
        else
        {
            logger.LogInformation("{Summary}", tally.ToString());
        }

        return tally.ExitCode;
    }

    /// <summary>The <c>NO_COLOR</c> convention (no-color.org): any non-empty value turns colour off.</summary>
    private static bool NoColorRequested() => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
