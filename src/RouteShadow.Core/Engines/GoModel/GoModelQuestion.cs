namespace RouteShadow.Core.Engines.GoModel;

/// <summary>An affinity pin as recorded: its key, the candidate it holds, and how long it has left on the question's clock.</summary>
public sealed record AffinityPin(string Key, string Candidate, long ExpiresInMs);

/// <summary>
/// The state GoModel routes from: weighted-round-robin counters (keyed <c>&lt;canonical&gt;|provider/model</c>),
/// the <c>/v1/models</c> lister's own counters, affinity pins, the persisted routing-state rows and
/// each provider's runtime snapshot.
/// </summary>
public sealed record GoModelSnapshot(
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyDictionary<string, long> ListerCounters,
    IReadOnlyList<AffinityPin> Pins,
    IReadOnlyList<RoutingStateEntry> RoutingState,
    IReadOnlyDictionary<string, ProviderRuntime> Providers)
{
    public static GoModelSnapshot Fresh { get; } = new(
        new Dictionary<string, long>(), new Dictionary<string, long>(), [], [], new Dictionary<string, ProviderRuntime>());
}

/// <summary>One thing that happens to the gateway, in order.</summary>
public abstract record GoModelStep;

/// <summary>
/// A chat request for <paramref name="Model"/>. <paramref name="Provider"/> is a provider hint (a
/// direct request that bypasses pools); <paramref name="UserPath"/> and <paramref name="RequestId"/>
/// are what affinity keys are made of.
/// </summary>
public sealed record RequestStep(string Model, string? Provider = null, string? UserPath = null, string? RequestId = null) : GoModelStep;

/// <summary>A read-only <c>GET /v1/models</c>.</summary>
public sealed record ListModelsStep : GoModelStep;

/// <summary>A <c>PUT /admin/routing-state</c>: a manual enable or disable.</summary>
public sealed record SetStateStep(RoutingStateEntry Entry) : GoModelStep;

/// <summary>The clock moves forward.</summary>
public sealed record AdvanceStep(long Ms) : GoModelStep;

/// <summary>
/// What GoModel is asked: its config, the state it starts from, what happens (requests, listings,
/// toggles, clock steps), what each upstream answers, and the clock at the start.
/// </summary>
public sealed record GoModelQuestion(
    GoModelConfig Config,
    GoModelSnapshot State,
    IReadOnlyList<GoModelStep> Steps,
    ScriptedReplies Replies,
    long NowMs);
