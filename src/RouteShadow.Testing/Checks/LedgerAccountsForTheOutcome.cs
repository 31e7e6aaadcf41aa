namespace RouteShadow.Testing.Checks;

/// <summary>
/// Ledger completeness (seed-engines C.2 H6, H9, H10): every attempt the engine announced a
/// decision about appears in its ledger, and a failed call's terminal error is one an attempt in
/// the ledger carries — unless the ledger is empty (the call failed before considering any attempt).
/// </summary>
public static class LedgerAccountsForTheOutcome
{
    /// <summary>Null when the check holds for <paramref name="run"/>; otherwise what went wrong.</summary>
    /// <param name="announced">The attempts the engine's own events name (budget decisions, dispatches).</param>
    /// <param name="recorded">The attempts in the ledger.</param>
    /// <param name="terminalError">The call's error; null when it succeeded.</param>
    /// <param name="recordedErrors">The errors the ledger's attempts carry.</param>
    public static string? Check<TRun, TAttemptKey, TError>(
        TRun run,
        Func<TRun, IEnumerable<TAttemptKey>> announced,
        Func<TRun, IEnumerable<TAttemptKey>> recorded,
        Func<TRun, TError?> terminalError,
        Func<TRun, IEnumerable<TError>> recordedErrors)
        where TError : class
    {
        var ledger = recorded(run).ToHashSet();
        var missing = announced(run).Where(a => !ledger.Contains(a)).Distinct().ToList();
        if (missing.Count > 0)
        {
            return $"attempts the engine decided about are missing from the ledger: {string.Join(", ", missing)}";
        }

        return ledger.Count > 0 && terminalError(run) is { } error && !recordedErrors(run).Contains(error)
            ? $"the terminal error is carried by no attempt in the ledger: {error}"
            : null;
    }
}
