namespace RouteShadow.Core.Engines.GoModel;

/// <summary>The kinds of persisted routing-state row (spec B.10).</summary>
public enum RoutingStateKind
{
    Provider,
    CanonicalModel,
    PoolCandidate,
}

/// <summary>
/// One manual enable/disable row. A provider row names <see cref="Provider"/>, a canonical-model row
/// <see cref="Canonical"/>, and a pool-candidate row its provider, model and — as every row may —
/// the pool it was toggled in (GoModel stores that and ignores it).
/// </summary>
public sealed record RoutingStateEntry(RoutingStateKind Kind, string? Provider, string? Canonical, string? Model, bool Enabled)
{
    /// <summary>The row's persisted key. Without the pool dimension a candidate row is one row for every pool that lists it (G5).</summary>
    public string Key(bool poolDimension) => Kind switch
    {
        RoutingStateKind.Provider => $"provider:{Provider}",
        RoutingStateKind.CanonicalModel => $"canonical_model:{Canonical}",
        _ => poolDimension ? $"pool_candidate:{Canonical}|{Provider}/{Model}" : $"pool_candidate:{Provider}/{Model}",
    };

    /// <summary>The entity the row is about, pool included: <c>provider:a</c>, <c>pool_candidate:gpt|a/m</c>.</summary>
    public override string ToString() => Key(poolDimension: true);

    public static string KindName(RoutingStateKind kind) => kind switch
    {
        RoutingStateKind.Provider => "provider",
        RoutingStateKind.CanonicalModel => "canonical_model",
        _ => "pool_candidate",
    };
}
