namespace RouteShadow.Core.Engines;

/// <summary>
/// A routing engine of any family: given a question in its own terms, the ordered attempts it
/// would make. Implementations are pure: the question is never changed, so two engines (or two
/// variants of one) can be shadowed on the same question.
/// </summary>
/// <typeparam name="TQuestion">What the engine is asked: world, state snapshot, request, clock.</typeparam>
/// <typeparam name="TAttempt">One entry of its attempt list; equality is field for field.</typeparam>
public interface IRoutingEngine<in TQuestion, TAttempt>
{
    /// <summary>A short stable name (<c>legacy</c>, <c>executor</c>, …).</summary>
    string Name { get; }

    IReadOnlyList<TAttempt> Plan(TQuestion question);
}

/// <summary>A codex-helper engine: plans a <see cref="RoutingQuestion"/> into shadow attempts.</summary>
public interface IRoutingEngine : IRoutingEngine<RoutingQuestion, ShadowAttempt>
{
}
