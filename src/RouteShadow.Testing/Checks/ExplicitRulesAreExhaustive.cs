namespace RouteShadow.Testing.Checks;

/// <summary>
/// Failover rules (seed-engines C.2 H7): once a policy sets explicit failover rules, an error
/// moves the chain on only when a rule names it — no category leaks through on its own.
/// </summary>
public static class ExplicitRulesAreExhaustive
{
    /// <summary>Null when the check holds for every error the call failed over on; otherwise the first that leaked through.</summary>
    /// <param name="failedOverOn">The errors after which the engine moved on to a further candidate.</param>
    /// <param name="explicitRules">Whether the policy sets explicit rules (otherwise built-in defaults decide, and the check holds).</param>
    /// <param name="namedByARule">Whether an explicit rule names the error.</param>
    public static string? Check<TError>(IEnumerable<TError> failedOverOn, bool explicitRules, Func<TError, bool> namedByARule)
    {
        if (!explicitRules)
        {
            return null;
        }

        foreach (var error in failedOverOn)
        {
            if (!namedByARule(error))
            {
                return $"an error no explicit rule names moves the chain on: {error}";
            }
        }

        return null;
    }
}
