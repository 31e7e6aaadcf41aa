namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// One <c>llm_call</c> through a routing policy: the policy, the request's size, the pricing table,
/// the thread's accumulated spend, and what each link would do if called. The engine's plan is the
/// attempt ledger this produces.
/// </summary>
/// <param name="Outcomes">Per chain position; positions past the end answer <see cref="LinkOutcome.Default"/>.</param>
/// <param name="SessionCostUsd">The thread's global accumulated LLM cost (harn's "session").</param>
public sealed record HarnQuestion(
    RoutingPolicy Policy,
    HarnRequest Request,
    IReadOnlyDictionary<string, ModelPrice> Pricing,
    double SessionCostUsd,
    IReadOnlyList<LinkOutcome> Outcomes)
{
    public LinkOutcome OutcomeOf(int link) => link < Outcomes.Count ? Outcomes[link] : LinkOutcome.Default;

    /// <summary>The price of <c>provider:model</c>; unpriced models cost nothing, so budgets fail open for them (H12).</summary>
    public ModelPrice PriceOf(string provider, string model) =>
        Pricing.TryGetValue($"{provider}:{model}", out var price) ? price : ModelPrice.Unpriced;

    /// <summary>The projected cost of one call to <paramref name="link"/>: the input tokens plus <c>max_tokens</c> of output.</summary>
    public double ProjectedCost(PolicyLink link) => PriceOf(link.Provider, link.Model).Cost(Request.InputTokens, Request.MaxTokens);

    public bool Equals(HarnQuestion? other) =>
        other is not null
        && Policy.Equals(other.Policy)
        && Request == other.Request
        && SessionCostUsd.Equals(other.SessionCostUsd)
        && Outcomes.SequenceEqual(other.Outcomes)
        && Pricing.Count == other.Pricing.Count
        && Pricing.All(p => other.Pricing.TryGetValue(p.Key, out var price) && price == p.Value);

    public override int GetHashCode() => HashCode.Combine(Policy, Request, SessionCostUsd, Outcomes.Count);
}

/// <summary>The request's size: estimated input tokens, and <c>max_tokens</c> (the projected output).</summary>
public sealed record HarnRequest(long InputTokens, long MaxTokens)
{
    /// <summary>A scenario that does not say: 1,000 tokens in, 1,000 out.</summary>
    public static HarnRequest Default { get; } = new(1000, 1000);
}

/// <summary>USD per 1,000 tokens.</summary>
public sealed record ModelPrice(double InputPer1K, double OutputPer1K)
{
    public static ModelPrice Unpriced { get; } = new(0, 0);

    public double Cost(long inputTokens, long outputTokens) => ((inputTokens * InputPer1K) + (outputTokens * OutputPer1K)) / 1000.0;
}
