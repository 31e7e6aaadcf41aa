using System.Globalization;

namespace RouteShadow.Testing.Checks;

/// <summary>
/// Spec C N1 / D.5 §9: over a long run with every candidate eligible, each candidate's share of
/// the picks is its share of the total weight, within <c>tolerance</c> (an absolute share).
/// </summary>
public static class PickFrequenciesFollowWeights
{
    public const string Name = "pick_frequencies_follow_weights";

    public const double DefaultTolerance = 0.05;

    public static CheckViolation? Check<TCandidate>(
        IReadOnlyDictionary<TCandidate, int> weights, IReadOnlyList<TCandidate> picks, double tolerance = DefaultTolerance)
        where TCandidate : notnull
    {
        if (picks.Count == 0)
        {
            return null;
        }

        var total = weights.Values.Sum(w => (double)w);
        foreach (var (candidate, weight) in weights)
        {
            var expected = weight / total;
            var observed = picks.Count(p => EqualityComparer<TCandidate>.Default.Equals(p, candidate)) / (double)picks.Count;
            if (Math.Abs(observed - expected) > tolerance)
            {
                return new CheckViolation(Name, string.Create(
                    CultureInfo.InvariantCulture, $"{candidate} (weight {weight}) got {observed:0.0%} of {picks.Count} picks, its weight share is {expected:0.0%}"));
            }
        }

        return null;
    }
}
