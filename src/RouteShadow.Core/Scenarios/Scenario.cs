using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// A <c>routeshadow/scenario@1</c> file: one self-contained routing question — stations in proxy
/// order, each with an optional recorded state and a history of outcomes to apply, and one
/// request — plus, for regression fixtures, the report it is expected to produce.
/// </summary>
public sealed record Scenario(
    string Name,
    string Service,
    ScenarioRequest Request,
    IReadOnlyList<ScenarioStation> Stations,
    ScenarioExpectation? Expect = null,
    RetrySettings? Retry = null,
    Engines.GoModel.GoModelSection? GoModel = null)
{
    public const string SchemaId = "routeshadow/scenario@1";

    public const string DefaultService = "codex";

    /// <summary>The <c>harn</c> section: a harn routing-policy call instead of codex-helper stations.</summary>
    public Harn.HarnSection? Harn { get; init; }

    /// <summary>The scenario as one line of its file format, so a failing property prints something a person can paste.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(this, indented: false));
}

/// <summary>The request being routed: only its model matters to selection; <paramref name="Http"/> is what a reproduction sends.</summary>
public sealed record ScenarioRequest(string? Model, HttpRequestSpec? Http = null);

/// <summary>A station with the state it starts from and the outcomes applied to it before the request.</summary>
/// <param name="Behaviors">For reproductions: per upstream, the answers it gives in order (the last repeats); null or empty means the default answer.</param>
public sealed record ScenarioStation(
    Station Station,
    ScenarioState? State,
    IReadOnlyList<ScenarioEvent> Events,
    IReadOnlyList<IReadOnlyList<UpstreamResponse>>? Behaviors = null)
{
    /// <summary>The answers upstream <paramref name="index"/> gives, never empty.</summary>
    public IReadOnlyList<UpstreamResponse> BehaviorOf(int index) =>
        Behaviors is { } all && index < all.Count && all[index].Count > 0 ? all[index] : [UpstreamResponse.Default];
}

/// <summary>
/// A recorded load-balancer state. Arrays have one entry per upstream of <see cref="Layout"/> (or of
/// the station's upstreams when it is null); a null array keeps the fresh value.
/// </summary>
/// <param name="CooldownRemainingMs">Time left on each cooldown relative to the scenario clock: null none, &lt;= 0 already expired.</param>
/// <param name="Layout">The upstream list the state was recorded under; the engines migrate it to the current one.</param>
public sealed record ScenarioState(
    uint[]? FailureCounts,
    long?[]? CooldownRemainingMs,
    bool[]? UsageExhausted,
    uint[]? PenaltyStreak,
    int? LastGoodIndex,
    IReadOnlyList<Upstream>? Layout);

/// <summary>An outcome or clock step applied to a station's state before the request.</summary>
public abstract record ScenarioEvent;

/// <summary><c>record</c>: a request outcome, as the load balancer's own outcome recording.</summary>
public sealed record RecordEvent(int Index, bool Success, ulong CooldownSecs, CooldownBackoff Backoff) : ScenarioEvent;

/// <summary><c>penalize</c>: an immediate penalty with a cooldown.</summary>
public sealed record PenalizeEvent(int Index, ulong CooldownSecs, string Reason, CooldownBackoff Backoff) : ScenarioEvent;

/// <summary><c>advance</c>: the scenario clock moves forward (for every station).</summary>
public sealed record AdvanceEvent(long Ms) : ScenarioEvent;

/// <summary>
/// The <c>expect</c> block: the report the scenario must produce and, optionally, the divergence
/// classes its mismatch must carry.
/// </summary>
public sealed record ScenarioExpectation(ShadowReport Report, IReadOnlyList<DivergenceClass>? Classes = null)
{
    /// <summary>The expectation's failures against an actual comparison; empty when it holds.</summary>
    public IReadOnlyList<string> Check(ShadowComparison actual)
    {
        // Created on the first failure: nearly every check holds.
        List<string>? failures = null;
        if (Report.Matches != actual.Report.Matches)
        {
            (failures ??= []).Add($"expected matches={Report.Matches.ToString().ToLowerInvariant()}, got {actual.Report.Matches.ToString().ToLowerInvariant()}");
        }

        if (Difference("legacy_attempts", Report.LegacyAttempts, actual.Report.LegacyAttempts) is { } legacy)
        {
            (failures ??= []).Add(legacy);
        }

        if (Difference("executor_attempts", Report.ExecutorAttempts, actual.Report.ExecutorAttempts) is { } executor)
        {
            (failures ??= []).Add(executor);
        }

        if (Classes is not null && !Classes.Order().SequenceEqual(actual.Classes.Order()))
        {
            (failures ??= []).Add($"expected classes [{string.Join(", ", Classes.Select(c => c.WireName()))}], got [{string.Join(", ", actual.Classes.Select(c => c.WireName()))}]");
        }

        if (failures is null)
        {
            return [];
        }

        return failures;
    }

    /// <summary>Where the actual attempts of one side first part from the expected ones; null when they are equal.</summary>
    private static string? Difference(string side, IReadOnlyList<Engines.ShadowAttempt> expected, IReadOnlyList<Engines.ShadowAttempt> actual)
    {
        var diff = AttemptDiff.Between(expected, actual);
        if (diff.FirstDivergence is not { } at)
        {
            return null;
        }

        var detail = FieldAt(diff, at) is { } field
            ? $"{field.Field} expected {field.Legacy}, got {field.Executor}"
            : $"expected {expected.Count} attempts, got {actual.Count}";
        return $"{side}[{at}]: {detail}";
    }

    /// <remarks>A method of its own, so the lambda's closure is allocated only when a side differs.</remarks>
    private static FieldDifference? FieldAt(AttemptDiff diff, int position) => diff.Fields.FirstOrDefault(f => f.Position == position);
}
