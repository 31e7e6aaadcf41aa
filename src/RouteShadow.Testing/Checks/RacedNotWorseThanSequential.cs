namespace RouteShadow.Testing.Checks;

/// <summary>
/// Metamorphic check (seed-engines C.2 H2): for any outcome script, if running the links in
/// sequence succeeds, the raced run succeeds too. Racing may only add ways to succeed; a race that
/// turns a recoverable failure into a failed call is a bug.
/// </summary>
public static class RacedNotWorseThanSequential
{
    /// <summary>Null when the check holds for <paramref name="question"/>; otherwise what went wrong.</summary>
    /// <param name="raced">Runs the question with racing as configured.</param>
    /// <param name="sequential">Runs the same question with the same links in sequence.</param>
    /// <param name="succeeded">Whether a run served a result.</param>
    /// <param name="describe">A run for the message.</param>
    public static string? Check<TQuestion, TRun>(
        TQuestion question,
        Func<TQuestion, TRun> raced,
        Func<TQuestion, TRun> sequential,
        Func<TRun, bool> succeeded,
        Func<TRun, string> describe)
    {
        var inSequence = sequential(question);
        if (!succeeded(inSequence))
        {
            return null;
        }

        var race = raced(question);
        return succeeded(race)
            ? null
            : $"the links in sequence succeed but the raced run fails.\nsequential: {describe(inSequence)}\nraced: {describe(race)}";
    }
}
