using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.Generators;

/// <summary>
/// Generated routing worlds as plain, valid scenario files: one to three stations of up to four
/// upstreams with colliding, missing and duplicated provider/endpoint tags, model lists and
/// mappings with wildcards, a request model (or none), recorded states and event histories.
/// </summary>
/// <remarks>
/// The distribution is described once, by <see cref="Generate"/>, as draws from a seeded source.
/// FsCheck's generator feeds it a seed and its size; the fuzzer feeds it case seeds directly,
/// which is what lets it draw tens of thousands of cases a second.
/// </remarks>
public static class ScenarioGen
{
    /// <summary>The size at which worlds reach their largest; FsCheck's sizes grow towards it.</summary>
    public const int MaxSize = 100;

    /// <summary>Seeds drawn by FsCheck, so FsCheck's own seed (and its replay) decides every scenario.</summary>
    private static readonly Gen<ulong> Seeds =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((ulong)high << 32) ^ (ulong)low;

    /// <summary>An FsCheck generator of scenarios in <paramref name="mode"/>, growing with FsCheck's size.</summary>
    public static Gen<Scenario> For(ScenarioMode mode) =>
        Gen.Sized(size => Seeds.Select(seed => Generate(mode, seed, size)));

    /// <summary>The scenario that <paramref name="seed"/> draws at <paramref name="size"/> (0 to <see cref="MaxSize"/>): the same every time.</summary>
    public static Scenario Generate(ScenarioMode mode, ulong seed, int size)
    {
        var rng = new SplitMix64(seed);
        var limits = WorldLimits.AtSize(size);
        var stations = WorldDraw.Stations(rng, limits);
        var model = WorldDraw.RequestModel(rng);
        var scenarioStations = new ScenarioStation[stations.Length];
        for (var s = 0; s < stations.Length; s++)
        {
            var station = stations[s];
            var state = mode == ScenarioMode.Reachable
                ? ReachableStateDraw.State(rng, station, limits)
                : FreeFormStateDraw.State(rng, station);
            scenarioStations[s] = new ScenarioStation(station, state, EventDraw.Events(rng, station.Upstreams.Count, limits));
        }

        var name = $"generated ({mode.DisplayName()}), seed {seed}, size {size}";
        return new Scenario(name, Scenario.DefaultService, new ScenarioRequest(model), scenarioStations);
    }
}
