namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// A scenario's <c>gomodel</c> section: a GoModel question without its clock, the two variants
/// it diffs (control first) and, for regression fixtures, what the diff must show.
/// </summary>
public sealed record GoModelSection(
    GoModelConfig Config,
    GoModelSnapshot State,
    IReadOnlyList<GoModelStep> Steps,
    ScriptedReplies Replies,
    GoModelVariant Control,
    GoModelVariant Candidate,
    GoModelExpectation? Expect = null)
{
    /// <summary>The question this section asks at <paramref name="nowMs"/>.</summary>
    public GoModelQuestion Question(long nowMs) => new(Config, State, Steps, Replies, nowMs);
}

/// <summary>
/// The <c>expect</c> block of a <c>gomodel</c> section: whether the two variants' ledgers agree, where
/// they first part, and which of the spec's checks the candidate variant violates.
/// </summary>
public sealed record GoModelExpectation(bool Matches, int? FirstDivergence, IReadOnlyList<GoModelBugs> Violations)
{
    /// <summary>The expectation's failures against what was measured; empty when it holds.</summary>
    public IReadOnlyList<string> Check(bool matches, int? firstDivergence, IReadOnlyList<GoModelBugs> violations)
    {
        var failures = new List<string>();
        if (Matches != matches || FirstDivergence != firstDivergence)
        {
            failures.Add($"expected matches={Matches.ToString().ToLowerInvariant()} first_divergence={FirstDivergence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, "
                         + $"got matches={matches.ToString().ToLowerInvariant()} first_divergence={firstDivergence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");
        }

        if (!Violations.Order().SequenceEqual(violations.Order()))
        {
            failures.Add($"expected violations [{Names(Violations)}], got [{Names(violations)}]");
        }

        return failures;
    }

    private static string Names(IEnumerable<GoModelBugs> bugs) => string.Join(", ", bugs.Order().Select(b => b.WireName()));
}
