namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// The result of one selection call: the chosen candidate (not yet avoided — the caller does
/// that), the candidates skipped for the model on the way, and the avoidance at that moment.
/// </summary>
/// <param name="Avoided">The station's avoided indices (station path) or the avoided candidates' stable indices (route-graph path).</param>
/// <param name="TotalUpstreams">The template's candidate count, over all stations.</param>
public sealed record CandidateSelection(
    SelectedUpstream? Selected,
    IReadOnlyList<SkippedCandidate> Skipped,
    int[] Avoided,
    int AvoidedTotal,
    int TotalUpstreams);

/// <summary>A candidate passed over for the model, with the avoidance just after it was avoided.</summary>
public sealed record SkippedCandidate(
    SelectedUpstream Upstream,
    SkipReason Reason,
    int[] Avoided,
    int AvoidedTotal,
    int TotalUpstreams);
