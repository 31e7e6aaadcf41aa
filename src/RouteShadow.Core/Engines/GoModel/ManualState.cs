namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// The routing-state service's lookups: a missing row means enabled. Rows are stored under
/// <see cref="RoutingStateEntry.Key"/>, so whether candidate rows carry the pool decides whether a
/// toggle in one pool reaches every pool that shares the candidate.
/// </summary>
public sealed class ManualState
{
    private readonly SortedDictionary<string, RoutingStateEntry> _rows = new(StringComparer.Ordinal);

    public ManualState(bool poolDimension) => PoolDimension = poolDimension;

    public bool PoolDimension { get; }

    public IEnumerable<RoutingStateEntry> Rows => _rows.Values;

    /// <summary>Insert-or-update by key, as the store's upsert: a later row for the same key replaces the earlier one.</summary>
    public void Upsert(RoutingStateEntry entry) => _rows[entry.Key(PoolDimension)] = entry;

    public bool ProviderEnabled(string provider) => Enabled(new RoutingStateEntry(RoutingStateKind.Provider, provider, null, null, true));

    public bool CanonicalEnabled(string canonical) => Enabled(new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, canonical, null, true));

    public bool CandidateEnabled(string canonical, PoolCandidate candidate) =>
        Enabled(new RoutingStateEntry(RoutingStateKind.PoolCandidate, candidate.Provider, canonical, candidate.Model, true));

    public ManualState Clone()
    {
        var copy = new ManualState(PoolDimension);
        foreach (var row in _rows.Values)
        {
            copy.Upsert(row);
        }

        return copy;
    }

    private bool Enabled(RoutingStateEntry probe) => !_rows.TryGetValue(probe.Key(PoolDimension), out var row) || row.Enabled;
}
