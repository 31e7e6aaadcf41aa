namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// GoModel's canonical model pools as a routing engine: plays the question's steps on a private
/// gateway in <see cref="Variant"/> and returns its ledger. Two variants on one question diff like
/// legacy and executor do.
/// </summary>
public sealed class GoModelEngine(GoModelVariant variant) : IRoutingEngine<GoModelQuestion, GoModelAttempt>
{
    public GoModelVariant Variant { get; } = variant;

    public string Name => Variant.Name;

    public IReadOnlyList<GoModelAttempt> Plan(GoModelQuestion question)
    {
        var ledger = new List<GoModelAttempt>();
        Play(question, ledger);
        return ledger;
    }

    /// <summary>
    /// Plays the question into <paramref name="ledger"/> and returns the gateway, to look at the state
    /// it leaves; <paramref name="upstream"/> replaces the scripted replies (e.g. real HTTP servers).
    /// </summary>
    public GoModelGateway Play(GoModelQuestion question, List<GoModelAttempt> ledger, UpstreamCall? upstream = null)
    {
        var gateway = GoModelGateway.For(question, Variant, upstream);
        for (var step = 0; step < question.Steps.Count; step++)
        {
            gateway.Play(step, question.Steps[step], ledger);
        }

        return gateway;
    }
}
