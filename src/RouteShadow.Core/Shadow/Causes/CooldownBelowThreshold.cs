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

    public bool IsPresent(RoutingQuestion question) =>
        question.Stations.Any(s => Offending(QuestionEdits.LaidOut(question, s), question.NowMs).Any());

    public RoutingQuestion Undo(RoutingQuestion question) =>
        QuestionEdits.EditStates(question, (_, state) =>
        {
            LbState? edited = null;
            foreach (var index in Offending(state, question.NowMs))
            {
                (edited ??= state.Clone()).CooldownUntil[index] = null;
            }

            return edited;
        });

    private static IEnumerable<int> Offending(LbState state, long nowMs)
    {
        for (var i = 0; i < state.CooldownUntil.Length; i++)
        {
            if (state.CooldownUntil[i] is { } until && nowMs < until
                && state.FailureCounts[i] < LoadBalancerConstants.FailureThreshold)
            {
                yield return i;
            }
        }
    }
}
