namespace RouteShadow.Testing.Checks;

/// <summary>
/// Budget check (seed-engines C.2 H1): <c>on_exceed: warn</c> changes nothing but the events
/// emitted, compared with no budget at all — the same attempts, the same outcome.
/// </summary>
public static class WarnChangesOnlyEvents
{
    /// <summary>Null when the check holds for <paramref name="warned"/>; otherwise what went wrong.</summary>
    /// <param name="warned">A question whose budget says warn.</param>
    /// <param name="withoutBudget">The same question with the budget removed.</param>
    /// <param name="observe">Runs a question and keeps everything but its events: equal observations mean equal behaviour.</param>
    public static string? Check<TQuestion, TObserved>(
        TQuestion warned,
        Func<TQuestion, TQuestion> withoutBudget,
        Func<TQuestion, TObserved> observe,
        IEqualityComparer<TObserved>? comparer = null)
    {
        var underWarn = observe(warned);
        var unbudgeted = observe(withoutBudget(warned));
        return (comparer ?? EqualityComparer<TObserved>.Default).Equals(underWarn, unbudgeted)
            ? null
            : $"warn changed more than the events.\nwithout a budget: {unbudgeted}\nunder warn: {underWarn}";
    }
}
