using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Traces.Triage;

/// <summary>Whether the C# engines disagree the way production did.</summary>
public enum TriageVerdict
{
    /// <summary>A rebuilt scenario makes the C# engines produce production's two lists exactly.</summary>
    Reproduced,

    /// <summary>No rebuilt scenario does: the harness's model, or what it was given, misses something.</summary>
    ModelGap,
}

/// <summary>
/// What re-running a group's mismatch through the C# engines showed: the verdict, the divergence
/// classes when reproduced, the scenario (reproducing, or the closest one for a gap, whose
/// <c>expect</c> block holds production's lists so <c>routeshadow check</c> shows the gap) and a
/// sentence saying how it went.
/// </summary>
public sealed record Reproduction(TriageVerdict Verdict, IReadOnlyList<DivergenceClass> Classes, Scenario Scenario, string Note);

public static class TriageVerdictNames
{
    public static string WireName(this TriageVerdict verdict) => verdict switch
    {
        TriageVerdict.Reproduced => "reproduced",
        TriageVerdict.ModelGap => "model_gap",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
