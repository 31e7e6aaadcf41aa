using System.Numerics;
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
        var edits = new QuestionEdits();
        var present = 0;
        for (var i = 0; i < KnownCauses.Length; i++)
        {
            present |= KnownCauses[i].IsPresent(question, edits) ? 1 << i : 0;
        }

        // Sets of causes are bit masks over KnownCauses; ascending masks of a size, limited to the
        // present causes, are the same order as ascending subsets of the present causes alone.
        for (var size = 1; size <= BitOperations.PopCount((uint)present); size++)
        {
            int? firstCuring = null;
            var allCuring = 0;
            for (var subset = 1; subset <= present; subset++)
            {
                if ((subset & ~present) == 0 && BitOperations.PopCount((uint)subset) == size && Cures(question, edits, subset))
                {
                    firstCuring ??= subset;
                    allCuring |= subset;
                }
            }

            if (firstCuring is { } first)
            {
                var blamed = allCuring != first && Cures(question, edits, allCuring) ? allCuring : first;
                return Classes(blamed);
            }
        }

        return [DivergenceClass.Unclassified];
    }

    /// <summary>Whether the engines agree once the causes in <paramref name="causes"/> are undone, in declaration order.</summary>
    private bool Cures(RoutingQuestion question, QuestionEdits edits, int causes)
    {
        var undone = question;
        for (var i = 0; i < KnownCauses.Length; i++)
        {
            if ((causes & (1 << i)) != 0)
            {
                undone = KnownCauses[i].Undo(undone, edits);
            }
        }

        return _enginesAgree(undone);
    }

    /// <summary>The classes of the causes in <paramref name="causes"/>, in the order the classes are declared.</summary>
    private static DivergenceClass[] Classes(int causes)
    {
        var classes = new DivergenceClass[BitOperations.PopCount((uint)causes)];
        var next = 0;
        for (var i = 0; i < KnownCauses.Length; i++)
        {
            if ((causes & (1 << i)) != 0)
            {
                classes[next++] = KnownCauses[i].Class;
            }
        }

        Array.Sort(classes);
        return classes;
    }
}
