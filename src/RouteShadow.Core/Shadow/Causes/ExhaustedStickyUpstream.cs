using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// D1: a station's sticky upstream is usage-exhausted. Legacy ignores the sticky then; the
/// executor's affinity still wins its second round. Undone by forgetting that sticky, which
/// legacy was ignoring anyway.
/// </summary>
internal sealed class ExhaustedStickyUpstream : IDivergenceCause
{
    public DivergenceClass Class => DivergenceClass.ExhaustedStickyUpstream;

    public bool IsPresent(RoutingQuestion question) =>
        question.Stations.Any(s => IsExhaustedSticky(QuestionEdits.LaidOut(question, s), s.Upstreams.Count));

    public RoutingQuestion Undo(RoutingQuestion question) =>
        QuestionEdits.EditStates(question, (station, state) =>
            IsExhaustedSticky(state, station.Upstreams.Count) ? QuestionEdits.WithoutSticky(state) : null);

    private static bool IsExhaustedSticky(LoadBalancing.LbState state, int upstreams) =>
        state.LastGoodIndex is { } sticky && sticky < upstreams && state.UsageExhausted[sticky];
}
