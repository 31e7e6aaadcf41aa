using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow.Causes;

namespace RouteShadow.Core.Shadow;

/// <summary>
/// Names why codex-helper's engines disagree on a question, by counterfactual: a known cause is
/// blamed when undoing it (on a copy) makes the engines agree, or when it alone — every other
/// present cause undone — still makes them disagree. Nothing is inferred from the attempt text.
/// </summary>
public sealed class DivergenceClassifier
{
    private static readonly IDivergenceCause[] KnownCauses =
    [
        new RepeatedStationName(),
        KeyCollision.AcrossStations,
        KeyCollision.WithinStation,
        new MultiStationSticky(),
        new ExhaustedStickyUpstream(),
        new CooldownBelowThreshold(),
    ];

    private readonly Func<RoutingQuestion, bool> _enginesAgree;

    /// <param name="enginesAgree">Runs both engines on a question and tells whether their attempt lists are equal.</param>
    public DivergenceClassifier(Func<RoutingQuestion, bool> enginesAgree) => _enginesAgree = enginesAgree;

    /// <summary>
    /// The classes of a question on which the engines disagree, in declaration order; contains
    /// <see cref="DivergenceClass.Unclassified"/> when the known causes do not explain it all.
    /// </summary>
    public IReadOnlyList<DivergenceClass> Classify(RoutingQuestion question)
    {
        var present = KnownCauses.Where(c => c.IsPresent(question)).ToList();
        if (present.Count == 0)
        {
            return [DivergenceClass.Unclassified];
        }

        var explainedByAll = _enginesAgree(UndoAll(question, present));
        if (present.Count == 1)
        {
            return [explainedByAll ? present[0].Class : DivergenceClass.Unclassified];
        }

        var blamed = present
            .Where(cause => _enginesAgree(cause.Undo(question))
                            || (explainedByAll && !_enginesAgree(UndoAll(question, present.Where(other => other != cause)))))
            .Select(cause => cause.Class)
            .ToList();

        if (!explainedByAll)
        {
            blamed.Add(DivergenceClass.Unclassified);
        }
        else if (blamed.Count == 0)
        {
            // Only the causes together produce the mismatch: blame them all.
            blamed.AddRange(present.Select(c => c.Class));
        }

        return [.. blamed.Order()];
    }

    private static RoutingQuestion UndoAll(RoutingQuestion question, IEnumerable<IDivergenceCause> causes) =>
        causes.Aggregate(question, (q, cause) => cause.Undo(q));
}
