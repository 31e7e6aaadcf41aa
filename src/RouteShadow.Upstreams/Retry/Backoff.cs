using System.Globalization;

namespace RouteShadow.Upstreams.Retry;

/// <summary>
/// codex-helper's waits, in nominal milliseconds. Jitter is not drawn: a reproduction's waits are
/// the deterministic part of codex-helper's.
/// </summary>
public static class Backoff
{
    /// <summary><c>BACKOFF(layer, i)</c> for the 0-based attempt index <paramref name="attempt"/>.</summary>
    public static long Delay(RetryLayerPlan layer, int attempt)
    {
        if (layer.BackoffMs <= 0)
        {
            return 0;
        }

        var cap = Math.Max(layer.BackoffMaxMs, layer.BackoffMs);
        var exponent = Math.Min(attempt, 20);

        // base * 2^exponent, saturating at the cap instead of overflowing.
        return layer.BackoffMs > cap >> exponent ? cap : layer.BackoffMs << exponent;
    }

    /// <summary>
    /// <c>RETRY_SLEEP</c>: the wait before a same-upstream retry after a non-2xx status. A
    /// <c>Retry-After</c> in whole seconds wins (capped; 0 means at once); an HTTP date is ignored.
    /// </summary>
    public static long BeforeSameUpstreamRetry(RetryLayerPlan layer, int attempt, string? retryAfter)
    {
        if (retryAfter is not null && ulong.TryParse(retryAfter.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var secs))
        {
            var cap = Math.Max(layer.BackoffMaxMs, layer.BackoffMs);
            return secs > (ulong)cap / 1000 ? cap : (long)secs * 1000;
        }

        return Delay(layer, attempt);
    }
}
