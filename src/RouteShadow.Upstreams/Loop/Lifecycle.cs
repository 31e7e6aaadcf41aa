using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Upstreams.Loop;

/// <summary>One HTTP attempt: where it went, what came back, and what the loop made of it.</summary>
/// <param name="Status">The upstream's status; null when no response arrived.</param>
/// <param name="Fault">What went wrong on the wire (<c>transport</c>, <c>body_read</c>, <c>stream</c>, or <c>timeout</c> when the attempt ran out of time), or null.</param>
/// <param name="WaitMs">The nominal wait before the next attempt (backoff or Retry-After), uncompressed.</param>
public sealed record AttemptRecord(
    string StationName,
    int UpstreamIndex,
    string BaseUrl,
    int ProviderAttempt,
    int UpstreamAttempt,
    int? Status,
    string? Fault,
    string? ErrorClass,
    AttemptOutcome Outcome,
    long WaitMs)
{
    public string UpstreamRef => $"{StationName}#{UpstreamIndex}";
}

/// <summary>What the client got back.</summary>
public sealed record ClientResponse(int Status, string Body);

/// <summary>One engine's full request lifecycle over real HTTP.</summary>
/// <param name="Plan">The engine's attempt list at request start (what it would try if everything failed).</param>
/// <param name="Received">Per scenario base_url, the requests its server received.</param>
/// <param name="NominalWaitMs">The waits codex-helper would have slept, in total; the run itself sleeps them compressed.</param>
/// <param name="StateAfter">The load-balancer state once the request is done, keyed by station.</param>
public sealed record Lifecycle(
    string Engine,
    IReadOnlyList<ShadowAttempt> Plan,
    IReadOnlyList<AttemptRecord> Attempts,
    ClientResponse Response,
    IReadOnlyDictionary<string, IReadOnlyList<ReceivedRequest>> Received,
    TimeSpan Elapsed,
    long NominalWaitMs,
    LbStateMap StateAfter);
