using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>
/// Case <see cref="Index"/> of the run seeded <see cref="RunSeed"/>. It is drawn from its own
/// <see cref="Seed"/> at <see cref="Size"/>, and case 0 of a run seeded with that seed is the same
/// case: <c>--seed &lt;Seed&gt; --cases 1</c> replays it alone.
/// </summary>
public readonly record struct FuzzCase(ulong RunSeed, int Index)
{
    /// <summary>Odd and far from small, so the case seeds of runs with nearby seeds never meet.</summary>
    private const ulong Stride = 0x9E3779B97F4A7C15;

    public ulong Seed => unchecked(RunSeed + ((ulong)Index * Stride));

    /// <summary>The fuzzer draws every case at the full size.</summary>
    public int Size => ScenarioGen.MaxSize;

    public Scenario Generate(ScenarioMode mode) => ScenarioGen.Generate(mode, Seed, Size);
}
