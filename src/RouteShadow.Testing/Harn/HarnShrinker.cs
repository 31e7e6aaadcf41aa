using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;

namespace RouteShadow.Testing.Harn;

/// <summary>
/// Shrinks harn scenarios towards the smallest that still shows a failure. Every shrink is a valid
/// scenario, strictly smaller than its source, biggest cuts first: a link (with its outcome), a
/// whole section (budget, latency, failover), one rule, a link's timeout or label, then outcomes —
/// errors to successes, shorter durations, fewer tokens — and the pricing, session and request.
/// Shrinks carry no expect block: that describes the original.
/// </summary>
public static class HarnShrinker
{
    private static readonly long[] ShorterDurations = [0, 10, 100, 1000, 10_000];

    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        if (scenario.Harn is not { } harn)
        {
            yield break;
        }

        const string shrunkFrom = "shrunk from ";
        var name = scenario.Name.StartsWith(shrunkFrom, StringComparison.Ordinal) ? scenario.Name : shrunkFrom + scenario.Name;
        foreach (var question in Shrinks(harn.Question))
        {
            yield return scenario with { Name = name, Harn = harn with { Question = question, Expect = null } };
        }
    }

    /// <summary>Greedy: the first shrink that keeps <paramref name="keeps"/> is taken until none does (a local minimum).</summary>
    public static Scenario Minimize(Scenario scenario, Func<Scenario, bool> keeps)
    {
        var current = scenario;
        while (Shrink(current).FirstOrDefault(keeps) is { } smaller)
        {
            current = smaller;
        }

        return current;
    }

    private static IEnumerable<HarnQuestion> Shrinks(HarnQuestion q)
    {
        var policy = q.Policy;
        for (var i = 0; policy.Chain.Count > 1 && i < policy.Chain.Count; i++)
        {
            yield return q with
            {
                Policy = policy with { Chain = [.. policy.Chain.Where((_, k) => k != i)] },
                Outcomes = [.. q.Outcomes.Where((_, k) => k != i)],
            };
        }

        foreach (var smaller in Sections(policy))
        {
            yield return q with { Policy = smaller };
        }

        for (var i = 0; i < policy.Chain.Count; i++)
        {
            var link = policy.Chain[i];
            if (link.TimeoutMs is not null)
            {
                yield return q with { Policy = WithLink(policy, i, link with { TimeoutMs = null }) };
            }

            if (link.Label is not null)
            {
                yield return q with { Policy = WithLink(policy, i, link with { Label = null }) };
            }
        }

        for (var i = 0; i < q.Outcomes.Count; i++)
        {
            foreach (var outcome in Outcomes(q.Outcomes[i]))
            {
                yield return q with { Outcomes = [.. q.Outcomes.Select((o, k) => k == i ? outcome : o)] };
            }
        }

        if (q.Outcomes.Count > 0 && q.Outcomes[^1] == LinkOutcome.Default)
        {
            yield return q with { Outcomes = [.. q.Outcomes.Take(q.Outcomes.Count - 1)] };
        }

        foreach (var key in q.Pricing.Keys)
        {
            yield return q with { Pricing = q.Pricing.Where(p => p.Key != key).ToDictionary() };
        }

        if (q.SessionCostUsd != 0)
        {
            yield return q with { SessionCostUsd = 0 };
        }
    }

    private static IEnumerable<RoutingPolicy> Sections(RoutingPolicy policy)
    {
        if (policy.Budget is { } budget)
        {
            yield return policy with { Budget = null };
            if (budget is { PerCallUsd: not null, SessionUsd: not null })
            {
                yield return policy with { Budget = budget with { PerCallUsd = null } };
                yield return policy with { Budget = budget with { SessionUsd = null } };
            }
        }

        if (policy.Latency != LatencyRules.None)
        {
            yield return policy with { Latency = LatencyRules.None };
            foreach (var raceAfter in ShorterDurations.Where(ms => ms < policy.Latency.RaceAfterMs))
            {
                yield return policy with { Latency = policy.Latency with { RaceAfterMs = raceAfter } };
            }
        }

        var failover = policy.Failover;
        if (failover.OnStatus.Count > 0)
        {
            yield return policy with { Failover = failover with { OnStatus = [] } };
            for (var i = 0; failover.OnStatus.Count > 1 && i < failover.OnStatus.Count; i++)
            {
                yield return policy with { Failover = failover with { OnStatus = [.. failover.OnStatus.Where((_, k) => k != i)] } };
            }
        }

        if (failover.OnErrorKinds.Count > 0)
        {
            yield return policy with { Failover = failover with { OnErrorKinds = [] } };
            for (var i = 0; failover.OnErrorKinds.Count > 1 && i < failover.OnErrorKinds.Count; i++)
            {
                yield return policy with { Failover = failover with { OnErrorKinds = [.. failover.OnErrorKinds.Where((_, k) => k != i)] } };
            }
        }

        if (failover.OnTimeoutMs is not null)
        {
            yield return policy with { Failover = failover with { OnTimeoutMs = null } };
        }

        if (failover.MaxAttempts is not null)
        {
            yield return policy with { Failover = failover with { MaxAttempts = null } };
        }
    }

    private static IEnumerable<LinkOutcome> Outcomes(LinkOutcome outcome)
    {
        if (outcome.Error is not null)
        {
            yield return new LinkOutcome(outcome.Ms);
        }

        foreach (var ms in ShorterDurations.Where(ms => ms < outcome.Ms))
        {
            yield return outcome with { Ms = ms };
        }

        if (outcome.ReportedModel is not null)
        {
            yield return outcome with { ReportedModel = null };
        }

        if (outcome.OutputTokens != 0)
        {
            yield return outcome with { OutputTokens = 0 };
        }
    }

    private static RoutingPolicy WithLink(RoutingPolicy policy, int index, PolicyLink link) =>
        policy with { Chain = [.. policy.Chain.Select((l, k) => k == index ? link : l)] };
}
