using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow.Causes;

namespace RouteShadow.Core.Shadow;

/// <summary>
/// Names why codex-helper's engines disagree on a question, by counterfactual: it looks for the
/// smallest set of present known causes whose removal, on a copy of the question, makes the
/// engines agree, and blames those. Nothing is inferred from the attempt text.
/// </summary>
/// <remarks>
/// Smallest, because causes interact: undoing one can also remove the condition of another, so
/// single causes judged one at a time can miss a cause or blame a bystander. When several sets of
/// that size cure it — redundant causes, each enough to explain the divergence — all of them are
/// blamed if removing them together still cures it.
/// </remarks>
public sealed class DivergenceClassifier
{
    private static readonly IDivergenceCause[] KnownCauses =
    [
        new ExhaustedStickyUpstream(),
        new MultiStationSticky(),
        KeyCollision.AcrossStations,
        KeyCollision.WithinStation,
        new CooldownBelowThreshold(),
        new RepeatedStationName(),
    ];

    private readonly Func<RoutingQuestion, bool> _enginesAgree;

    /// <param name="enginesAgree">Runs both engines on a question and tells whether their attempt lists are equal.</param>
    public DivergenceClassifier(Func<RoutingQuestion, bool> enginesAgree) => _enginesAgree = enginesAgree;

    /// <summary>
    /// The classes of a question on which the engines disagree, in declaration order; just
    /// <see cref="DivergenceClass.Unclassified"/> when no set of known causes explains it.
    /// </summary>
    public IReadOnlyList<DivergenceClass> Classify(RoutingQuestion question)
    {
        var present = KnownCauses.Where(c => c.IsPresent(question)).ToArray();
        for (var size = 1; size <= present.Length; size++)
        {
            var curing = Subsets(present.Length, size).Where(subset => Cures(question, present, subset)).ToList();
            if (curing.Count == 0)
            {
                continue;
            }

            var union = curing.Aggregate(0, (all, subset) => all | subset);
            var blamed = curing.Count > 1 && Cures(question, present, union) ? union : curing[0];
            return [.. Members(present, blamed).Select(c => c.Class).Order()];
        }

        return [DivergenceClass.Unclassified];
    }

    private bool Cures(RoutingQuestion question, IDivergenceCause[] present, int subset) =>
        _enginesAgree(Members(present, subset).Aggregate(question, (q, cause) => cause.Undo(q)));

    /// <summary>The causes whose bits are set in <paramref name="subset"/>, in declaration order.</summary>
    private static IEnumerable<IDivergenceCause> Members(IDivergenceCause[] present, int subset) =>
        present.Where((_, i) => (subset & (1 << i)) != 0);

    /// <summary>Every subset of <paramref name="count"/> items with <paramref name="size"/> members, as bit masks, in ascending order.</summary>
    private static IEnumerable<int> Subsets(int count, int size) =>
        Enumerable.Range(1, (1 << count) - 1).Where(mask => System.Numerics.BitOperations.PopCount((uint)mask) == size);
}
