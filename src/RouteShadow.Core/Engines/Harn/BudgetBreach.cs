using System.Globalization;

namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// A link's projected cost breaking a cap (seed-engines A.6): per-call is checked first, then the
/// session; only the first breach is reported.
/// </summary>
/// <param name="Kind"><c>per_call</c> or <c>session</c>.</param>
public sealed record BudgetBreach(string Kind, double LimitUsd, double ProjectedUsd, double SessionUsd)
{
    /// <summary>The breach a call to <paramref name="link"/> would make, or null when it fits (or no cap is set).</summary>
    public static BudgetBreach? Of(HarnQuestion question, PolicyLink link)
    {
        if (question.Policy.Budget is not { } budget)
        {
            return null;
        }

        var projected = question.ProjectedCost(link);
        var session = question.SessionCostUsd;
        if (budget.PerCallUsd is { } perCall && projected > perCall)
        {
            return new BudgetBreach("per_call", perCall, projected, session);
        }

        return budget.SessionUsd is { } sessionCap && session + projected > sessionCap
            ? new BudgetBreach("session", sessionCap, projected, session)
            : null;
    }

    /// <summary>The option the cap was copied into for the call: <c>max_cost_usd</c> or <c>total_budget_usd</c>.</summary>
    public string LimitName => Kind == "per_call" ? "max_cost_usd" : "total_budget_usd";

    /// <summary>The error on a <c>skipped</c> record.</summary>
    public ErrorSnapshot SkipError() =>
        new(ErrorCategory.BudgetExceeded, $"{Kind} budget exceeded (cap=${Usd(LimitUsd)}, projected=${Usd(ProjectedUsd)}, session=${Usd(SessionUsd)})", null);

    /// <summary><c>budget_exceeded_error</c>: what an abort returns and what the call's own preflight throws.</summary>
    public LinkError Error() => new(
        ErrorForm.ThrownDict,
        Kind == "per_call"
            ? $"LLM budget exceeded before provider call: projected ${Usd(ProjectedUsd)} would exceed {LimitName} ${Usd(LimitUsd)}"
            : $"LLM budget exceeded before provider call: session ${Usd(SessionUsd)} + projected ${Usd(ProjectedUsd)} would exceed {LimitName} ${Usd(LimitUsd)}",
        ErrorCategory.BudgetExceeded);

    public static string Usd(double amount) => amount.ToString("F6", CultureInfo.InvariantCulture);
}
