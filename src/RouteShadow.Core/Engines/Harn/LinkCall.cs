namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// One link called on the virtual clock (<c>observed_llm_call</c> with 0 retries): the budget
/// preflight inside the call, then the scripted outcome cut at the call's own timeout.
/// </summary>
/// <param name="Ms">When the call ended, relative to its start.</param>
internal sealed record LinkCall(PolicyLink Link, long Ms, LinkError? Error, LinkOutcome Outcome)
{
    public bool Succeeded => Error is null;

    public static LinkCall Run(HarnQuestion question, int linkIndex, bool preflight)
    {
        var link = question.Policy.Chain[linkIndex];
        var outcome = question.OutcomeOf(linkIndex);
        if (preflight && BudgetBreach.Of(question, link) is { } breach)
        {
            return new LinkCall(link, 0, breach.Error(), outcome);
        }

        if (TimeoutSeconds(question.Policy, link) is { } seconds && outcome.Ms > seconds * 1000)
        {
            return new LinkCall(link, seconds * 1000, LinkError.Of(ErrorCategory.Timeout, $"LLM call timed out after {seconds}s"), outcome);
        }

        return new LinkCall(link, outcome.Ms, outcome.Error, outcome);
    }

    /// <summary>The call's timeout: the link's, else <c>on_timeout_ms</c>, in whole seconds, at least 1 and rounded down (H11).</summary>
    public static long? TimeoutSeconds(RoutingPolicy policy, PolicyLink link) =>
        (link.TimeoutMs ?? policy.Failover.OnTimeoutMs) is { } ms ? Math.Max(1, ms / 1000) : null;

    /// <summary>The result's cost: its tokens priced for the provider and the model it reports.</summary>
    public double Cost(HarnQuestion question) =>
        question.PriceOf(Link.Provider, ReportedModel).Cost(question.Request.InputTokens, Outcome.OutputTokens);

    public string ReportedModel => Outcome.ReportedModel ?? Link.Model;
}
