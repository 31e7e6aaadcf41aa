namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// A named behaviour of the GoModel engine: <c>head</c> is the PR as it behaves (every finding of
/// <see cref="GoModelBugs"/>), <c>specified</c> is what the spec's properties ask for (none), and each
/// other variant is the head with exactly one finding fixed, so a diff against <c>head</c> shows that
/// finding alone — <c>resolve-once</c> against <c>head</c> is resolving once vs twice per request.
/// </summary>
public sealed record GoModelVariant(string Name, GoModelBugs Bugs)
{
    public static GoModelVariant Head { get; } = new("head", GoModelBugs.All);

    public static GoModelVariant Specified { get; } = new("specified", GoModelBugs.None);

    public static IReadOnlyList<GoModelVariant> All { get; } =
    [
        Head,
        Specified,
        Fixing("resolve-once", GoModelBugs.DoubleResolve),
        Fixing("pure-listing", GoModelBugs.ListingAdvancesCounters),
        Fixing("pooled-toggles", GoModelBugs.ToggleCrossesPools),
        Fixing("smooth-weights", GoModelBugs.WeightsDrift),
        Fixing("bounded-affinity", GoModelBugs.AffinityUnbounded),
        Fixing("guarded-direct", GoModelBugs.DisabledProviderTraffic),
    ];

    public bool Has(GoModelBugs bug) => (Bugs & bug) != 0;

    public static GoModelVariant? Named(string name) => All.FirstOrDefault(v => v.Name == name);

    /// <summary>The head with <paramref name="bug"/> fixed.</summary>
    private static GoModelVariant Fixing(string name, GoModelBugs bug) => new(name, GoModelBugs.All & ~bug);
}
