using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// D6: a cooldown is active on an upstream whose failure count is below the threshold (a state
/// production does not reach). Legacy judges by the count alone; the executor's breaker opens on
/// the cooldown. Undone by lifting those cooldowns, which legacy was ignoring anyway.
/// </summary>
internal sealed class CooldownBelowThreshold : IDivergenceCause
{
    public DivergenceClass Class => DivergenceClass.CooldownBelowThreshold;

    public bool IsPresent(RoutingQuestion question, QuestionEdits edits)
    {
        for (var s = 0; s < question.Stations.Count; s++)
        {
            var station = question.Stations[s];
            var state = edits.LaidOut(question, station);
            for (var i = 0; i < state.CooldownUntil.Length; i++)
            {
                if (IsOffending(state, i, question.NowMs))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public RoutingQuestion Undo(RoutingQuestion question, QuestionEdits edits) =>
        edits.EditStates(question, (_, state) =>
        {
            LbState? edited = null;
            for (var i = 0; i < state.CooldownUntil.Length; i++)
            {
                if (IsOffending(state, i, question.NowMs))
                {
                    (edited ??= state.Clone()).CooldownUntil[i] = null;
                }
            }

            return edited;
        });

    private static bool IsOffending(LbState state, int index, long nowMs) =>
        state.CooldownUntil[index] is { } until && nowMs < until
        && state.FailureCounts[index] < LoadBalancerConstants.FailureThreshold;
}
