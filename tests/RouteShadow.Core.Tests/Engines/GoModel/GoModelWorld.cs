using RouteShadow.Core.Engines.GoModel;

namespace RouteShadow.Core.Tests.Engines.GoModel;

/// <summary>Small GoModel configs and questions for the rule tests.</summary>
internal static class GoModelWorld
{
    public static RawRoutingConfig Raw(string? strategy = null, params (string Pool, RawCandidate[] Candidates)[] pools) =>
        new(strategy, null, null, null, null, null, null, [.. pools.Select(p => new KeyValuePair<string, IReadOnlyList<RawCandidate>>(p.Pool, p.Candidates))]);

    public static RawCandidate C(string provider, string model = "m", int priority = 1, int weight = 1) => new(provider, model, priority, weight);

    public static GoModelConfig Config(string? strategy = null, params (string Pool, RawCandidate[] Candidates)[] pools) =>
        GoModelConfigLoader.Load(Raw(strategy, pools));

    public static GoModelConfig Weighted(params RawCandidate[] candidates) => Config("weighted_round_robin", ("gpt", candidates));

    public static GoModelQuestion Question(
        GoModelConfig config, IReadOnlyList<GoModelStep> steps, GoModelSnapshot? state = null, ScriptedReplies? replies = null) =>
        new(config, state ?? GoModelSnapshot.Fresh, steps, replies ?? ScriptedReplies.AllSucceed, 1_000_000);

    public static ScriptedReplies Replies(params (string Candidate, int[] Statuses)[] scripts) =>
        new(scripts.ToDictionary(s => s.Candidate, s => (IReadOnlyList<UpstreamReply>)[.. s.Statuses.Select(x => new UpstreamReply(x, "upstream error"))]));

    public static IReadOnlyList<GoModelAttempt> Plan(GoModelVariant variant, GoModelQuestion question) => new GoModelEngine(variant).Plan(question);

    public static IEnumerable<string> Dispatched(IEnumerable<GoModelAttempt> ledger) =>
        ledger.Where(a => a.Kind == GoModelEntryKind.Dispatch).Select(a => a.Candidate);

    public static GoModelAttempt Report(IEnumerable<GoModelAttempt> ledger, int step = 0) =>
        ledger.Single(a => a.Step == step && a.Kind is GoModelEntryKind.Report or GoModelEntryKind.Reject);

    public static GoModelSnapshot WithRows(params RoutingStateEntry[] rows) => GoModelSnapshot.Fresh with { RoutingState = rows };

    public static RequestStep Request(string model = "gpt", string? userPath = null, string? requestId = null, string? provider = null) =>
        new(model, provider, userPath, requestId);
}
