using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.Tests.Support;

/// <summary>
/// The fuzz runs of the definition of done — 20,000 cases from seed 1, reachable and
/// free-form — run once and shared by every test that inspects them.
/// </summary>
internal static class SeedOne
{
    public const int Cases = 20_000;

    public const ulong Seed = 1;

    private static readonly Lazy<FuzzResult> ReachableRun = new(() => Run(ScenarioMode.Reachable));
    private static readonly Lazy<FuzzResult> FreeFormRun = new(() => Run(ScenarioMode.FreeForm));

    public static FuzzResult Reachable => ReachableRun.Value;

    public static FuzzResult FreeForm => FreeFormRun.Value;

    public static FuzzResult Of(ScenarioMode mode) => mode == ScenarioMode.Reachable ? Reachable : FreeForm;

    private static FuzzResult Run(ScenarioMode mode) =>
        new ParityFuzzer(TimeProvider.System).Run(new FuzzOptions { Cases = Cases, Seed = Seed, Mode = mode });
}
