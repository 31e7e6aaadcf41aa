namespace RouteShadow.Testing.Checks;

/// <summary>
/// Spec C G4 / D.5 §1: a read-only query is pure — the engine's exported state is byte-identical
/// before and after it, and asking again gives the same answer.
/// </summary>
public static class QueryLeavesStateUnchanged
{
    public const string Name = "query_leaves_state_unchanged";

    /// <param name="export">The engine's canonical state.</param>
    /// <param name="query">The read-only query; run <paramref name="repeats"/> times.</param>
    /// <param name="views">How two answers compare; default equality.</param>
    public static CheckViolation? Check<TState, TView>(
        TState state, Func<TState, string> export, Func<TState, TView> query, IEqualityComparer<TView>? views = null, int repeats = 2)
    {
        var before = export(state);
        var first = query(state);
        for (var i = 1; i < repeats; i++)
        {
            if (!(views ?? EqualityComparer<TView>.Default).Equals(first, query(state)))
            {
                return new CheckViolation(Name, $"query {i + 1} answered differently from query 1");
            }
        }

        var after = export(state);
        return before == after ? null : new CheckViolation(Name, $"state changed:\n{Diff(before, after)}");
    }

    private static string Diff(string before, string after)
    {
        var was = before.Split('\n');
        var now = after.Split('\n');
        return string.Join('\n', was.Except(now).Select(l => "- " + l).Concat(now.Except(was).Select(l => "+ " + l)));
    }
}
