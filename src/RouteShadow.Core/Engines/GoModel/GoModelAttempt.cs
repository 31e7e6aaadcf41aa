namespace RouteShadow.Core.Engines.GoModel;

/// <summary>What a ledger entry records.</summary>
public enum GoModelEntryKind
{
    /// <summary>A request sent upstream: <see cref="GoModelAttempt.Number"/> is its 1-based attempt number.</summary>
    Dispatch,

    /// <summary>What the request's metadata claims: the effective candidate, the final status and the fallback list.</summary>
    Report,

    /// <summary>The request failed before any dispatch (GoModel's 400s), with its message.</summary>
    Reject,

    /// <summary>One canonical entry of a <c>/v1/models</c> listing, with the candidate it exposes.</summary>
    Listed,
}

/// <summary>
/// One entry of a GoModel run's ledger, equal field for field. <paramref name="Step"/> is the
/// question step it belongs to; <paramref name="Candidate"/> is <c>provider/model</c>;
/// <paramref name="Detail"/> says why (dispatch: <c>primary</c>, <c>affinity_pin</c>, <c>failover</c>,
/// <c>direct</c>; report: the fallbacks; reject: the error; listing: the canonical model).
/// </summary>
public sealed record GoModelAttempt(int Step, GoModelEntryKind Kind, int Number, string Candidate, int Status, string Detail)
{
    public override string ToString() => $"#{Step} {Kind.ToString().ToLowerInvariant()} {Number} {Candidate} {Status} {Detail}".TrimEnd();
}
