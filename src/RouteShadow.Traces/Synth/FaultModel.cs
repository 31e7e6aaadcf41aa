namespace RouteShadow.Traces.Synth;

/// <summary>What one HTTP attempt to an upstream returns in the simulation.</summary>
internal enum SimulatedOutcome
{
    Success,

    /// <summary>A retryable status: 429, 500, 502 or 503.</summary>
    RetryableStatus,

    /// <summary>Connection refused or reset.</summary>
    Transport,

    /// <summary>422: never retried, one failure counted.</summary>
    NeverRetry,

    /// <summary>A plain 400: returned, no state change.</summary>
    ClientError,

    /// <summary>404 "model does not exist": provider failover without a penalty.</summary>
    CapabilityMismatch,
}

/// <summary>
/// The fault model: every upstream fails now and then, and goes through outages — windows of a few
/// minutes in which most attempts fail — decided per upstream and window from the seed alone, so a
/// trace depends only on its seed and size.
/// </summary>
internal sealed class FaultModel(ulong seed)
{
    private const long WindowMs = 6 * 60 * 1000;
    private const double OutageChance = 0.12;

    private static readonly int[] Statuses = [429, 500, 502, 502, 503];

    public SimulatedOutcome Next(SeededRandom random, string baseUrl, long atMs)
    {
        var roll = random.NextDouble();
        if (InOutage(baseUrl, atMs))
        {
            return roll < 0.55 ? SimulatedOutcome.Transport : roll < 0.9 ? SimulatedOutcome.RetryableStatus : SimulatedOutcome.Success;
        }

        return roll switch
        {
            < 0.030 => SimulatedOutcome.RetryableStatus,
            < 0.045 => SimulatedOutcome.Transport,
            < 0.050 => SimulatedOutcome.NeverRetry,
            < 0.055 => SimulatedOutcome.ClientError,
            < 0.058 => SimulatedOutcome.CapabilityMismatch,
            _ => SimulatedOutcome.Success,
        };
    }

    public int RetryableStatus(SeededRandom random) => random.Pick(Statuses);

    private bool InOutage(string baseUrl, long atMs)
    {
        var hash = seed;
        foreach (var c in baseUrl)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new SeededRandom(hash ^ (ulong)(atMs / WindowMs)).Chance(OutageChance);
    }
}
