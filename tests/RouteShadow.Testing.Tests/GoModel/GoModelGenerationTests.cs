using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.GoModel;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.GoModel;

/// <summary>Generated GoModel scenarios and their shrinks are valid files, and every shrink is smaller.</summary>
public sealed class GoModelGenerationTests
{
    [Fact]
    public void Generated_RoundTripsThroughTheFileFormat() =>
        PropertyRuns.Check(Prop.ForAll(GoModelScenarios.Scenarios, scenario => RoundTrips(scenario)), seed: 81);

    [Fact]
    public void Shrinks_AreValidFiles_EachStrictlySmaller() =>
        PropertyRuns.Check(Prop.ForAll(GoModelScenarios.Scenarios, scenario =>
            GoModelShrinker.Shrink(scenario).All(s => RoundTrips(s) && Size(s) < Size(scenario) && s.GoModel!.Expect is null)), seed: 82);

    [Fact]
    public void Generate_SameSeedAndSize_SameScenario() =>
        Assert.Equal(GoModelScenarioGen.Generate(5, 60).ToString(), GoModelScenarioGen.Generate(5, 60).ToString());

    /// <summary>Written and read back, the scenario writes the same bytes: the generator only makes what the loader would.</summary>
    private static bool RoundTrips(Scenario scenario)
    {
        var written = ScenarioWriter.ToUtf8(scenario);
        return written.AsSpan().SequenceEqual(ScenarioWriter.ToUtf8(ScenarioReader.Read(written)));
    }

    private static int Size(Scenario scenario)
    {
        var s = scenario.GoModel!;
        var defaults = RoutingDefaults.Default with { Strategy = s.Config.Defaults.Strategy };
        return s.Steps.Count
               + s.Config.Pools.Sum(p => 1 + p.Candidates.Sum(c => 1 + (c.Priority != 1 ? 1 : 0) + (c.Weight != 1 ? 1 : 0)))
               + s.Replies.ByCandidate.Values.Sum(r => 1 + r.Count)
               + s.State.RoutingState.Count + s.State.Pins.Count + s.State.Counters.Count + s.State.ListerCounters.Count + s.State.Providers.Count
               + s.Steps.OfType<RequestStep>().Sum(r => (r.Provider is null ? 0 : 1) + (r.UserPath is null ? 0 : 1) + (r.RequestId is null ? 0 : 1))
               + (s.Config.Defaults.Failover != defaults.Failover ? 1 : 0)
               + (s.Config.Defaults.SessionAffinityTtlMs != defaults.SessionAffinityTtlMs ? 1 : 0);
    }
}
