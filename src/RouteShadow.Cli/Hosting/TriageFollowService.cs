using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Output;
using RouteShadow.Traces.Triage;

namespace RouteShadow.Cli.Hosting;

/// <summary>How a follow paces itself.</summary>
/// <param name="Interval">Between two summaries (and rewrites of the outputs).</param>
/// <param name="PollInterval">Between two looks at the trace.</param>
internal sealed record FollowSettings(TimeSpan Interval, TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// <c>routeshadow triage --follow</c>: polls the trace, and every interval re-runs new groups,
/// rewrites the outputs and prints a one-line summary on stderr. However it stops — Ctrl-C,
/// SIGTERM, the host stopping — it reads the trace once more and writes every output before it
/// returns, so what was read is what was written.
/// </summary>
internal sealed class TriageFollowService(
    TriageSession session, FollowSettings settings, TimeProvider clock, StandardStreams streams, ILogger<TriageFollowService> logger)
    : BackgroundService
{
    /// <summary>The counts as last written; after the service has stopped, the final ones.</summary>
    public TriageSummary? Summary { get; private set; }

    /// <summary>What stopped the follow other than a request to stop; the command reports it.</summary>
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var lastSummary = clock.GetTimestamp();
            while (!stoppingToken.IsCancellationRequested)
            {
                session.Poll(stoppingToken);
                if (clock.GetElapsedTime(lastSummary) >= settings.Interval)
                {
                    lastSummary = clock.GetTimestamp();
                    Report(session.Flush());
                }

                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Asked to stop: the final read and write below still run.
        }
        catch (Exception ex)
        {
            Failure = ex;
        }
        finally
        {
            Finish();
        }
    }

    private void Finish()
    {
        try
        {
            session.Poll();
            Report(session.Flush());
            logger.LogInformation("stopped following after {Rotations} rotation(s) and {Truncations} truncation(s); outputs written", session.Rotations, session.Truncations);
        }
        catch (Exception ex) when (Failure is null)
        {
            Failure = ex;
        }
    }

    private void Report(TriageSummary summary)
    {
        Summary = summary;
        streams.Error.WriteLine("triage: " + TriageSummaryText.Line(summary));
        streams.Error.Flush();
    }
}
