using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.GoModel;

/// <summary>GoModel scenarios, generated and shrunk, as an FsCheck arbitrary.</summary>
public static class GoModelScenarios
{
    /// <remarks>Built from the generator and the real shrinker: FsCheck does not shrink a generator-only arbitrary.</remarks>
    public static Arbitrary<Scenario> Scenarios { get; } = Arb.From(GoModelScenarioGen.Scenarios, GoModelShrinker.Shrink);
}
