using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Generators;
using RouteShadow.Testing.Shrinking;

namespace RouteShadow.Testing.Properties;

/// <summary>
/// Scenarios whose load-balancer states production can reach, generated and shrunk. Register with
/// <c>[Property(Arbitrary = [typeof(ReachableScenarios)])]</c> or use <see cref="Scenarios"/> directly.
/// </summary>
public static class ReachableScenarios
{
    /// <remarks>Built from the generator and the real shrinker: FsCheck does not shrink a generator-only arbitrary.</remarks>
    public static Arbitrary<Scenario> Scenarios { get; } = Arb.From(ScenarioGen.For(ScenarioMode.Reachable), ScenarioShrinker.Shrink);
}
