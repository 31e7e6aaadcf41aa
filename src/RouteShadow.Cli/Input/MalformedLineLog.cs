using Microsoft.Extensions.Logging;
using RouteShadow.Traces.Input;

namespace RouteShadow.Cli.Input;

/// <summary>
/// Logs malformed lines on stderr as they are met — the first few only, so a log of broken lines
/// does not flood it; the report lists them all with their counts.
/// </summary>
internal sealed class MalformedLineLog
{
    private const int Logged = 20;

    private readonly MalformedLines _lines;
    private readonly ILogger _logger;
    private int _reported;

    public MalformedLineLog(MalformedLines lines, ILogger logger)
    {
        (_lines, _logger) = (lines, logger);
        lines.Reported += line =>
        {
            if (Interlocked.Increment(ref _reported) <= Logged)
            {
                logger.LogWarning("{Line}", line.ToString());
            }
        };
    }

    /// <summary>Says how many were not logged, and where they all are.</summary>
    public void Finish(string report)
    {
        if (_lines.Count > Logged)
        {
            _logger.LogWarning("… and {More} more malformed lines (see {Report})", _lines.Count - Logged, report);
        }
    }
}
