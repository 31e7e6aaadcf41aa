using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow;

/// <summary>
/// Two attempt lists for one question and where they first part; <c>null</c> when they agree.
/// <see cref="Error"/> is set instead when an engine threw.
/// </summary>
public sealed record AttemptComparison<TAttempt>(
    IReadOnlyList<TAttempt> Control,
    IReadOnlyList<TAttempt> Candidate,
    int? FirstDivergence,
    string? Error = null)
{
    public bool Matches => Error is null && FirstDivergence is null;
}

/// <summary>
/// Shadows a candidate engine against a control on questions of any engine family. The
/// codex-helper pair has the richer <see cref="ShadowRunner"/> (field diff and divergence
/// classes); this is the family-neutral core it shares with every other pair.
/// </summary>
public sealed class EngineShadow<TQuestion, TAttempt>
{
    private readonly IEqualityComparer<TAttempt> _attempts;

    public EngineShadow(
        IRoutingEngine<TQuestion, TAttempt> control,
        IRoutingEngine<TQuestion, TAttempt> candidate,
        IEqualityComparer<TAttempt>? attempts = null)
    {
        Control = control;
        Candidate = candidate;
        _attempts = attempts ?? EqualityComparer<TAttempt>.Default;
    }

    public IRoutingEngine<TQuestion, TAttempt> Control { get; }

    public IRoutingEngine<TQuestion, TAttempt> Candidate { get; }

    public AttemptComparison<TAttempt> Compare(TQuestion question)
    {
        IReadOnlyList<TAttempt> control, candidate;
        try
        {
            control = Control.Plan(question);
            candidate = Candidate.Plan(question);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new AttemptComparison<TAttempt>([], [], null, $"{ex.GetType().Name}: {ex.Message}");
        }

        return new AttemptComparison<TAttempt>(control, candidate, FirstDivergence(control, candidate));
    }

    private int? FirstDivergence(IReadOnlyList<TAttempt> control, IReadOnlyList<TAttempt> candidate)
    {
        var common = Math.Min(control.Count, candidate.Count);
        for (var i = 0; i < common; i++)
        {
            if (!_attempts.Equals(control[i], candidate[i]))
            {
                return i;
            }
        }

        return control.Count == candidate.Count ? null : common;
    }
}
