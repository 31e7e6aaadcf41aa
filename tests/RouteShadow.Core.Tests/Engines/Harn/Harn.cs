using RouteShadow.Core.Engines.Harn;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary>Short builders for harn policies, values and questions.</summary>
internal static class Harn
{
    public static PolicyValue Dict(params (string Key, PolicyValue Value)[] entries) =>
        PolicyValue.Dict([.. entries.Select(e => KeyValuePair.Create(e.Key, e.Value))]);

    public static PolicyValue List(params PolicyValue[] items) => PolicyValue.List(items);

    public static PolicyValue Str(string text) => PolicyValue.String(text);

    public static PolicyValue Int(long value) => PolicyValue.Int(value);

    /// <summary>A config dict with a two-link chain and the given extra entries.</summary>
    public static PolicyValue Config(params (string Key, PolicyValue Value)[] extra) =>
        Dict([("chain", List(Str("a:m1"), Str("b:m2"))), .. extra]);

    public static RoutingPolicy Policy(int links = 3, FailoverRules? failover = null, LatencyRules? latency = null, BudgetRules? budget = null) =>
        new([.. Enumerable.Range(0, links).Select(i => new PolicyLink($"p{i}", $"m{i}"))], failover ?? FailoverRules.Defaults, latency ?? LatencyRules.None, budget);

    /// <summary>A question where every link is priced at $1 per 1k tokens both ways and the request is 1k in, 1k out ($2 projected).</summary>
    public static HarnQuestion Question(RoutingPolicy policy, params LinkOutcome[] outcomes) => new(
        policy,
        new HarnRequest(1000, 1000),
        policy.Chain.ToDictionary(l => l.Key, _ => new ModelPrice(1, 1)),
        0,
        outcomes);

    public static LinkOutcome Ok(long ms = 100, long outputTokens = 500) => new(ms, null, outputTokens);

    public static LinkOutcome Fail(string message, long ms = 50) => new(ms, LinkError.ThrownString(message));

    public static LinkOutcome Fail(ErrorCategory category, string message = "boom", long ms = 50) => new(ms, LinkError.Of(category, message));

    public static HarnRun Run(HarnQuestion question, HarnVariant? variant = null) => new HarnEngine(variant ?? HarnVariant.Seed).Run(question);

    public static HarnAttemptStatus[] Statuses(HarnRun run) => [.. run.Attempts.Select(a => a.Status)];

    public static string[] Events(HarnRun run) => [.. run.Events.Select(e => e.Name)];
}
