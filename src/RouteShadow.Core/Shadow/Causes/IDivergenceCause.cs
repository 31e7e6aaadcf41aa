using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow.Causes;

/// <summary>
/// A known cause of divergence, as a counterfactual: whether a question has the cause, and the
/// same question with the cause undone and nothing else changed.
/// </summary>
internal interface IDivergenceCause
{
    DivergenceClass Class { get; }

    bool IsPresent(RoutingQuestion question);

    RoutingQuestion Undo(RoutingQuestion question);
}
