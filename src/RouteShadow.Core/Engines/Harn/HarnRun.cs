namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// Everything one routed call produced: the ledger, the selected position, the terminal error (null
/// on success), the events in emission order, the virtual time it took, and the errors it failed
/// over on (the decision D.4 calls <c>eligibleForFailover</c>, which the ledger itself does not show).
/// </summary>
/// <param name="Selected">0-based position in <paramref name="Attempts"/> of the record the result came from; may be empty even on success (H8).</param>
/// <param name="FailedOverOn">Each error after which the chain moved on to a further link, in order.</param>
public sealed record HarnRun(
    IReadOnlyList<HarnAttempt> Attempts,
    int? Selected,
    ErrorSnapshot? Error,
    IReadOnlyList<RoutingEvent> Events,
    long ElapsedMs,
    IReadOnlyList<ErrorSnapshot> FailedOverOn)
{
    public bool Succeeded => Error is null;
}

/// <summary>An event logged under <c>&lt;dispatch&gt;.&lt;name&gt;</c>, with its metadata in emission order.</summary>
public sealed record RoutingEvent(string Category, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string Name => Category[(Category.LastIndexOf('.') + 1)..];

    public bool Equals(RoutingEvent? other) => other is not null && Category == other.Category && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Category, Fields.Count);

    public override string ToString() => $"{Category} {{{string.Join(", ", Fields.Select(f => $"{f.Key}: {f.Value}"))}}}";
}
