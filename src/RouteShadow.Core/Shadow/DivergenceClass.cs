namespace RouteShadow.Core.Shadow;

/// <summary>
/// The known reasons codex-helper's two engines choose differently (engines spec §8). Each is
/// assigned by counterfactual: undoing the cause on a copy of the question makes the engines agree.
/// </summary>
public enum DivergenceClass
{
    /// <summary>None of the known causes explains the mismatch.</summary>
    Unclassified,

    /// <summary>D1: the sticky upstream is usage-exhausted; the executor still prefers it in its second round.</summary>
    ExhaustedStickyUpstream,

    /// <summary>D2: several stations have a last-good upstream; the executor keeps only the first as its affinity.</summary>
    MultiStationSticky,

    /// <summary>D3: upstreams of different stations share a provider-endpoint key, so they share runtime state.</summary>
    CrossStationKeyCollision,

    /// <summary>D4: upstreams of one station share a provider-endpoint key.</summary>
    InStationKeyCollision,

    /// <summary>D6: an active cooldown on an upstream below the failure threshold blocks only the executor.</summary>
    CooldownBelowThreshold,

    /// <summary>D10: a station name appears twice; the executor's avoid set is keyed by name.</summary>
    RepeatedStationName,
}

public static class DivergenceClassNames
{
    /// <summary>The snake_case wire name, e.g. <c>exhausted_sticky_upstream</c>.</summary>
    public static string WireName(this DivergenceClass divergence) => divergence switch
    {
        DivergenceClass.Unclassified => "unclassified",
        DivergenceClass.ExhaustedStickyUpstream => "exhausted_sticky_upstream",
        DivergenceClass.MultiStationSticky => "multi_station_sticky",
        DivergenceClass.CrossStationKeyCollision => "cross_station_key_collision",
        DivergenceClass.InStationKeyCollision => "in_station_key_collision",
        DivergenceClass.CooldownBelowThreshold => "cooldown_below_threshold",
        DivergenceClass.RepeatedStationName => "repeated_station_name",
        _ => throw new ArgumentOutOfRangeException(nameof(divergence), divergence, null),
    };

    public static bool TryParse(string wireName, out DivergenceClass divergence)
    {
        foreach (var candidate in Enum.GetValues<DivergenceClass>())
        {
            if (candidate.WireName() == wireName)
            {
                divergence = candidate;
                return true;
            }
        }

        divergence = default;
        return false;
    }
}
