namespace RouteShadow.Testing.Checks;

/// <summary>
/// Spec C G3 / D.5 §2: one logical request makes one selection. Whatever picks the upstream and
/// whatever reports it agree: a request served by its primary reports the primary, one served by
/// a fallback reports that fallback, and the fallback list never holds the primary that ran.
/// </summary>
public static class ResolvingTwicePicksSameCandidate
{
    public const string Name = "resolving_twice_picks_same_candidate";

    /// <param name="dispatched">The upstreams the request was sent to, in order.</param>
    /// <param name="reported">The candidate the request's metadata names as effective.</param>
    /// <param name="fallbacks">The fallback list the request carried.</param>
    /// <param name="served">Whether the last dispatch succeeded.</param>
    public static CheckViolation? Check<TCandidate>(
        IReadOnlyList<TCandidate> dispatched, TCandidate? reported, IReadOnlyList<TCandidate> fallbacks, bool served)
    {
        if (dispatched.Count == 0)
        {
            return null;
        }

        var comparer = EqualityComparer<TCandidate>.Default;
        if (fallbacks.Contains(dispatched[0], comparer))
        {
            return new CheckViolation(Name, $"ran on {dispatched[0]} but also lists it as a fallback");
        }

        return served && !comparer.Equals(dispatched[^1], reported)
            ? new CheckViolation(Name, $"served by {dispatched[^1]} but reports {reported}")
            : null;
    }
}
