using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>What a fuzz run found.</summary>
/// <param name="Cases">Cases generated and compared (fewer than asked when the time limit stopped the run).</param>
/// <param name="Mismatches">Cases on which the engines disagreed (or one failed).</param>
/// <param name="Findings">One per divergence class found, in class order.</param>
/// <param name="StoppedByTimeLimit">True when the time limit ended the run early.</param>
public sealed record FuzzResult(
    ScenarioMode Mode,
    ulong Seed,
    int Cases,
    int Mismatches,
    IReadOnlyList<FuzzFinding> Findings,
    bool StoppedByTimeLimit)
{
    /// <summary>Mismatches no known class explains, engine errors included: each one is a finding to investigate.</summary>
    public int Unclassified => Findings.FirstOrDefault(f => f.Class == DivergenceClass.Unclassified)?.Count ?? 0;
}

/// <summary>
/// A divergence class the run found: how many mismatches carried it (a mismatch with several
/// classes counts for each), the case its example was shrunk from — the first to show the class
/// alone, or the first to show it at all — and the example: that case shrunk to a minimal
/// scenario whose expect block pins the divergence.
/// </summary>
public sealed record FuzzFinding(DivergenceClass Class, int Count, FuzzCase ExampleCase, Scenario Example)
{
    /// <summary>The example's file name: <c>&lt;class wire name&gt;.json</c>.</summary>
    public string FileName => Class.WireName() + ".json";
}
