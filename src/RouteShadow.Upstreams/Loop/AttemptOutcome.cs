namespace RouteShadow.Upstreams.Loop;

/// <summary>What the loop decided after one HTTP attempt.</summary>
public enum AttemptOutcome
{
    /// <summary>A 2xx answer went back to the client.</summary>
    Success,

    /// <summary>A non-2xx that neither layer retries went back to the client as is.</summary>
    ReturnedAsIs,

    /// <summary>A never-retry answer went back to the client (a failure is recorded).</summary>
    NeverRetry,

    /// <summary>The same upstream is tried again after a wait.</summary>
    RetrySameUpstream,

    /// <summary>The upstream is given up for this request (and penalized unless health-neutral).</summary>
    NextTarget,

    /// <summary>A 2xx stream ran to its end.</summary>
    StreamCompleted,

    /// <summary>A 2xx stream broke after it had started: no retry is possible any more.</summary>
    StreamFailed,
}

/// <summary>Wire names of <see cref="AttemptOutcome"/>.</summary>
public static class AttemptOutcomeNames
{
    public static string WireName(this AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Success => "success",
        AttemptOutcome.ReturnedAsIs => "returned_as_is",
        AttemptOutcome.NeverRetry => "never_retry",
        AttemptOutcome.RetrySameUpstream => "retry_same_upstream",
        AttemptOutcome.NextTarget => "next_target",
        AttemptOutcome.StreamCompleted => "stream_completed",
        _ => "stream_failed",
    };
}
