using RouteShadow.Core.Engines.Harn;

namespace RouteShadow.Core.Scenarios.Harn;

/// <summary>
/// A scenario's <c>harn</c> section: one <c>llm_call</c> through a routing policy, the two engine
/// variants to shadow on it, and optionally what they must do.
/// </summary>
public sealed record HarnSection(HarnQuestion Question, HarnVariant Control, HarnVariant Candidate, HarnExpectation? Expect = null)
{
    /// <summary>By default the seed as it behaves is shadowed against the seed with every fix.</summary>
    public static HarnVariant DefaultControl => HarnVariant.Seed;

    public static HarnVariant DefaultCandidate => HarnVariant.Fixed;
}

/// <summary>What one variant's run comes to, events aside: its outcome, selected position, ledger and terminal error.</summary>
public sealed record HarnRunSummary(bool Succeeded, int? Selected, IReadOnlyList<HarnAttempt> Attempts, ErrorSnapshot? Error = null)
{
    public static HarnRunSummary Of(HarnRun run) => new(run.Succeeded, run.Selected, run.Attempts, run.Error);

    public bool Equals(HarnRunSummary? other) =>
        other is not null && Succeeded == other.Succeeded && Selected == other.Selected && Attempts.SequenceEqual(other.Attempts) && Error == other.Error;

    public override int GetHashCode() => HashCode.Combine(Succeeded, Selected, Attempts.Count);
}

/// <summary>The section's <c>expect</c> block: whether the runs agree, and each variant's run.</summary>
public sealed record HarnExpectation(bool Matches, HarnRunSummary Control, HarnRunSummary Candidate)
{
    public IReadOnlyList<string> Check(HarnReport actual)
    {
        var failures = new List<string>();
        if (Matches != actual.Matches)
        {
            failures.Add($"expected matches={Matches.ToString().ToLowerInvariant()}, got {actual.Matches.ToString().ToLowerInvariant()}");
        }

        Compare("control", Control, HarnRunSummary.Of(actual.ControlRun), failures);
        Compare("candidate", Candidate, HarnRunSummary.Of(actual.CandidateRun), failures);
        return failures;
    }

    private static void Compare(string side, HarnRunSummary expected, HarnRunSummary actual, List<string> failures)
    {
        if (expected.Succeeded != actual.Succeeded)
        {
            failures.Add($"{side}: expected succeeded={expected.Succeeded.ToString().ToLowerInvariant()}, got {actual.Succeeded.ToString().ToLowerInvariant()}");
        }

        if (expected.Error != actual.Error)
        {
            failures.Add($"{side}: expected error {expected.Error?.ToString() ?? "none"}, got {actual.Error?.ToString() ?? "none"}");
        }

        if (expected.Selected != actual.Selected)
        {
            failures.Add($"{side}: expected selected={expected.Selected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, got {actual.Selected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");
        }

        var common = Math.Min(expected.Attempts.Count, actual.Attempts.Count);
        for (var i = 0; i < common; i++)
        {
            if (expected.Attempts[i] != actual.Attempts[i])
            {
                failures.Add($"{side}.attempts[{i}]: expected {expected.Attempts[i]}, got {actual.Attempts[i]}");
                return;
            }
        }

        if (expected.Attempts.Count != actual.Attempts.Count)
        {
            failures.Add($"{side}.attempts: expected {expected.Attempts.Count} attempts, got {actual.Attempts.Count}");
        }
    }
}
