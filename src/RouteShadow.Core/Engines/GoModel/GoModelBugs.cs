namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// The reviewer findings GoModel's pools show at PR #352 head (spec §C), one flag each; a
/// <see cref="GoModelVariant"/> is the head with some of them fixed.
/// </summary>
[Flags]
public enum GoModelBugs
{
    None = 0,

    /// <summary>G3: the pool resolver runs twice per request; the request runs on #1 while metadata and fallbacks come from #2.</summary>
    DoubleResolve = 1,

    /// <summary>G4: <c>/v1/models</c> resolves every pool with a private resolver whose weighted counters it advances.</summary>
    ListingAdvancesCounters = 2,

    /// <summary>G5: pool-candidate rows are keyed <c>provider/model</c>, so a toggle in one pool reaches every pool sharing the candidate.</summary>
    ToggleCrossesPools = 4,

    /// <summary>N1: weighted round robin scores <c>weight − picks</c> without decay, so it settles into an even split.</summary>
    WeightsDrift = 8,

    /// <summary>CR15: pins keyed by request ID, expired only when their own key is read again: one entry per request, for ever.</summary>
    AffinityUnbounded = 16,

    /// <summary>N7: routing state is consulted only inside pools, so a disabled provider still serves direct <c>provider/model</c> requests.</summary>
    DisabledProviderTraffic = 32,

    All = DoubleResolve | ListingAdvancesCounters | ToggleCrossesPools | WeightsDrift | AffinityUnbounded | DisabledProviderTraffic,
}

/// <summary>The wire names of <see cref="GoModelBugs"/>: the class names <c>fuzz --engine gomodel</c> reports.</summary>
public static class GoModelBugNames
{
    public static IReadOnlyList<GoModelBugs> Each { get; } =
    [
        GoModelBugs.DoubleResolve, GoModelBugs.ListingAdvancesCounters, GoModelBugs.ToggleCrossesPools,
        GoModelBugs.WeightsDrift, GoModelBugs.AffinityUnbounded, GoModelBugs.DisabledProviderTraffic,
    ];

    public static string WireName(this GoModelBugs bug) => bug switch
    {
        GoModelBugs.DoubleResolve => "double_resolve",
        GoModelBugs.ListingAdvancesCounters => "listing_advances_counters",
        GoModelBugs.ToggleCrossesPools => "toggle_crosses_pools",
        GoModelBugs.WeightsDrift => "weights_drift",
        GoModelBugs.AffinityUnbounded => "affinity_unbounded",
        GoModelBugs.DisabledProviderTraffic => "disabled_provider_traffic",
        _ => throw new ArgumentOutOfRangeException(nameof(bug), bug, "one bug at a time"),
    };

    public static bool TryParse(string name, out GoModelBugs bug)
    {
        bug = Each.FirstOrDefault(b => b.WireName() == name);
        return bug != GoModelBugs.None;
    }
}
