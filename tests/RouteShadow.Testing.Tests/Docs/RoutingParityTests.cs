// The example of docs/property-testing.md, compiled and run: keep the two identical.
using FsCheck;
using FsCheck.Xunit;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Properties;

namespace RouteShadow.Testing.Tests.Docs;

public class RoutingParityTests
{
    // States production can reach; every known divergence tolerated. Any other mismatch fails,
    // and FsCheck prints it shrunk to a small scenario file, with the seed that replays the run.
    [Property(Arbitrary = [typeof(ReachableScenarios)], MaxTest = 300, Replay = "(1,11400714819323198485)")]
    public Property Engines_agree_outside_known_divergences(Scenario scenario) =>
        ShadowProperties.Parity(scenario, ShadowProperties.KnownDivergences);

    // Any state the format can express; only the divergences this team has signed off tolerated.
    [Property(Arbitrary = [typeof(FreeFormScenarios)], MaxTest = 300, Replay = "(2,11400714819323198485)")]
    public Property Engines_agree_but_for_accepted_divergences(Scenario scenario) =>
        ShadowProperties.Parity(
            scenario,
            DivergenceClass.ExhaustedStickyUpstream,
            DivergenceClass.MultiStationSticky,
            DivergenceClass.CrossStationKeyCollision,
            DivergenceClass.InStationKeyCollision,
            DivergenceClass.CooldownBelowThreshold);
}
