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
        var gateway = GoModelGateway.For(question, Variant);
        var ledger = new List<GoModelAttempt>();
        for (var step = 0; step < question.Steps.Count; step++)
        {
            gateway.Play(step, question.Steps[step], ledger);
        }

        return ledger;
    }
}
