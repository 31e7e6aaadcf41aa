namespace RouteShadow.Core.Engines.Harn;

/// <summary>A ledger record's status.</summary>
public enum HarnAttemptStatus
{
    Succeeded,
    Failed,
    Skipped,
    RaceLost,
}

/// <summary>
/// One record of the routing ledger (<c>routing.attempts[*]</c>), with the fields a script sees.
/// <paramref name="Index"/> is the 1-based attempt number — a different space from the 0-based
/// <c>selected</c> position (H15).
/// </summary>
public sealed record HarnAttempt(
    int Index,
    string Provider,
    string Model,
    string Label,
    HarnAttemptStatus Status,
    long DurationMs,
    double? CostUsd = null,
    ErrorSnapshot? Error = null);

/// <summary>Wire names of ledger statuses.</summary>
public static class HarnAttemptStatuses
{
    public static string WireName(this HarnAttemptStatus status) => status switch
    {
        HarnAttemptStatus.Succeeded => "succeeded",
        HarnAttemptStatus.Failed => "failed",
        HarnAttemptStatus.Skipped => "skipped",
        _ => "race_lost",
    };

    public static bool TryParse(string name, out HarnAttemptStatus status)
    {
        foreach (var candidate in Enum.GetValues<HarnAttemptStatus>())
        {
            if (candidate.WireName() == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
