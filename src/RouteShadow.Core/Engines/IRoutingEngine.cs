namespace RouteShadow.Core.Engines;

/// <summary>
/// A routing engine: given a routing question, the ordered attempts it would make if every
/// selected upstream failed. Implementations are pure: the question is never changed.
/// </summary>
public interface IRoutingEngine
{
    /// <summary>A short stable name (<c>legacy</c>, <c>executor</c>).</summary>
    string Name { get; }

    IReadOnlyList<ShadowAttempt> Plan(RoutingQuestion question);
}
