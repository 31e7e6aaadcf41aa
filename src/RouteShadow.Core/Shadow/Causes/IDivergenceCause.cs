using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// A known cause of divergence, as a counterfactual: whether a question has the cause, and the
/// same question with the cause undone and nothing else changed. Both read and edit the question
/// through the classification's <see cref="QuestionEdits"/>.
/// </summary>
internal interface IDivergenceCause
{
    DivergenceClass Class { get; }

    bool IsPresent(RoutingQuestion question, QuestionEdits edits);

    RoutingQuestion Undo(RoutingQuestion question, QuestionEdits edits);
}
