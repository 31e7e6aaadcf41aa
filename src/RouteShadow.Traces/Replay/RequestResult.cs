using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.Replay;

/// <summary>Why a request could not be replayed. Such a request is reported, never guessed.</summary>
public enum RebuildProblem
{
    /// <summary>The request never reached routing (no station was selected, or its body was not read): no request id.</summary>
    NoRoutingDecision,

    /// <summary>The request's line arrived after the replay had moved past its start (it ran longer than the reorder window).</summary>
    Late,

    /// <summary>No config matches what the trace or the request's attempts show (a station, an upstream or a candidate differs).</summary>
    ConfigMismatch,

    /// <summary>Some upstream restricts models, and neither the log line nor the trace names the request's model.</summary>
    ModelUnknown,

    /// <summary>An earlier request left a station's state unknown (an outcome the log cannot tell).</summary>
    StateUnknown,
}

/// <summary>The wire names of rebuild problems, as every output writes them.</summary>
public static class RebuildProblemNames
{
    public static string WireName(this RebuildProblem problem) => problem switch
    {
        RebuildProblem.NoRoutingDecision => "no_routing_decision",
        RebuildProblem.Late => "late",
        RebuildProblem.ConfigMismatch => "config_mismatch",
        RebuildProblem.ModelUnknown => "model_unknown",
        RebuildProblem.StateUnknown => "state_unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };
}

/// <summary>
/// The replay of one request: either why it could not be rebuilt, or the shadow comparison of both
/// engines on the rebuilt state and the fidelity check against what production attempted.
/// </summary>
/// <param name="Question">The rebuilt routing question. It reads the replay's live state, so it is valid only while the result is being handled.</param>
public sealed record RequestResult(
    RequestRecord Request,
    RebuildProblem? Problem,
    string? ProblemDetail,
    StationPlan? Plan,
    RoutingQuestion? Question,
    ShadowComparison? Comparison,
    Fidelity? Fidelity,
    IReadOnlyList<ProductionAttempt> ProductionAttempts)
{
    /// <summary>The retry plan the request ran under; null when it was not replayed.</summary>
    public RetryPolicy? Policy { get; init; }

    public bool IsReplayed => Problem is null;

    public bool IsMismatch => Comparison?.Verdict == ShadowVerdict.Mismatch;

    public static RequestResult Unrebuildable(RequestRecord request, RebuildProblem problem, string detail, StationPlan? plan = null) =>
        new(request, problem, detail, plan, null, null, null, []);
}

/// <summary>Receives every request's result in replay order (the order of the requests' starts).</summary>
public interface IReplaySink
{
    void Accept(RequestResult result);
}
