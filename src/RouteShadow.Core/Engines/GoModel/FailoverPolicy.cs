namespace RouteShadow.Core.Engines.GoModel;

/// <summary><c>FailoverPolicy.ShouldAttempt</c> (spec B.8): whether a failed primary is followed by its fallbacks.</summary>
public static class FailoverPolicy
{
    /// <remarks>
    /// With <c>retry_on_model_errors</c> on, any 5xx or 429 is retried whatever <c>retry_on_statuses</c>
    /// says (N17); with it off, a 5xx missing from the list is not (CR24). Both as GoModel does it.
    /// </remarks>
    public static bool ShouldAttempt(FailoverSettings settings, UpstreamReply error)
    {
        if (!settings.Enabled)
        {
            return false;
        }

        if (settings.RetryOnStatuses.Contains(error.Status))
        {
            return true;
        }

        if (!settings.RetryOnModelErrors)
        {
            return false;
        }

        // Matched as written: the spec names the words, not a case folding.
        var message = error.Message;
        if (message.Contains("model", StringComparison.Ordinal)
            && (message.Contains("unavailable", StringComparison.Ordinal)
                || message.Contains("not found", StringComparison.Ordinal)
                || message.Contains("unsupported", StringComparison.Ordinal)))
        {
            return true;
        }

        return error.Status >= 500 || error.Status == 429;
    }
}
