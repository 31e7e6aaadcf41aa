using System.Globalization;
using BenchmarkDotNet.Attributes;
using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Benchmarks;

/// <summary>
/// One shadow comparison (both engines, plus classification when they disagree) on a small world
/// (one station, three upstreams) and a large one (eight stations of sixteen upstreams, with
/// failures, cooldowns, exhaustion and sticky upstreams spread through the state).
/// </summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private const long Now = 1_000_000;

    private RoutingQuestion _small = null!;
    private RoutingQuestion _large = null!;
    private RoutingQuestion _largeDivergent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _small = World(stations: 1, upstreams: 3, stickyEverywhere: false);
        _large = World(stations: 8, upstreams: 16, stickyEverywhere: false);
        _largeDivergent = World(stations: 8, upstreams: 16, stickyEverywhere: true);
    }

    [Benchmark(Baseline = true)]
    public ShadowComparison SmallWorld() => ShadowRunner.CodexHelper.Compare(_small);

    [Benchmark]
    public ShadowComparison LargeWorld() => ShadowRunner.CodexHelper.Compare(_large);

    /// <summary>Every station sticky: a multi-station-sticky mismatch, so classification runs too.</summary>
    [Benchmark]
    public ShadowComparison LargeWorldWithMismatch() => ShadowRunner.CodexHelper.Compare(_largeDivergent);

    private static RoutingQuestion World(int stations, int upstreams, bool stickyEverywhere)
    {
        var list = new List<Station>();
        var states = new LbStateMap();
        for (var s = 0; s < stations; s++)
        {
            var name = "station-" + s.ToString(CultureInfo.InvariantCulture);
            var ups = Enumerable.Range(0, upstreams).Select(i => new Upstream(
                $"https://{name}-{i}.example/v1",
                new Dictionary<string, string> { ["provider_id"] = $"{name}-p{i}", ["endpoint_id"] = "default" },
                i % 3 == 0 ? new Dictionary<string, bool> { ["gpt-5*"] = true } : null,
                i % 4 == 1 ? new Dictionary<string, string> { ["gpt-*"] = "mapped-*" } : null)).ToList();
            var station = new Station(name, ups);
            list.Add(station);

            var balancer = new LoadBalancer(station, states);
            for (var i = 0; i < upstreams; i += 5)
            {
                balancer.Penalize(i, 60, CooldownBackoff.None, Now);
            }

            balancer.LaidOutState().UsageExhausted[1] = true;
            if (stickyEverywhere || s == 0)
            {
                balancer.RecordResult(2, success: true, 30, CooldownBackoff.None, Now);
            }
        }

        return new RoutingQuestion("codex", list, states, "gpt-5", Now);
    }
}
