using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.GoModel;

/// <summary>
/// Generated GoModel scenarios: one to three pools drawn from a few providers and models (so pools
/// often share candidates), either strategy, affinity on or off, failover knobs, runtime snapshots,
/// routing-state rows, counters and pins, and a short run of requests, listings, toggles and clock
/// steps against scripted upstream replies. Each is a valid scenario file with a <c>gomodel</c>
/// section and no stations.
/// </summary>
public static class GoModelScenarioGen
{
    private static readonly string[] PoolNames = ["fast", "gpt", "smart"];
    private static readonly string[] Providers = ["a", "b", "c", "d"];
    private static readonly string[] Models = ["m1", "m2"];
    private static readonly string[] UserPaths = ["/t1", "/t2"];
    private static readonly long[] Ttls = [1_000, 60_000, RoutingDefaults.DefaultTtlMs];
    private static readonly long[] Advances = [500, 30_000, RoutingDefaults.DefaultTtlMs];

    private static readonly UpstreamReply[] Replies =
    [
        UpstreamReply.Ok, new(429, "rate limited"), new(500, "internal error"), new(503, "overloaded"),
        new(400, "bad request"), new(404, "model not found"), new(501, "not implemented"),
    ];

    private static readonly Gen<ulong> Seeds =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((ulong)high << 32) ^ (ulong)low;

    /// <summary>An FsCheck generator of GoModel scenarios, growing with FsCheck's size.</summary>
    public static Gen<Scenario> Scenarios { get; } = Gen.Sized(size => Seeds.Select(seed => Generate(seed, size)));

    /// <summary>The scenario <paramref name="seed"/> draws at <paramref name="size"/> (0 to <see cref="ScenarioGen.MaxSize"/>).</summary>
    public static Scenario Generate(ulong seed, int size)
    {
        var rng = new SplitMix64(seed);
        var scale = 1 + (Math.Clamp(size, 0, ScenarioGen.MaxSize) * 7 / ScenarioGen.MaxSize);
        var config = Config(rng);
        var section = new GoModelSection(
            config, State(rng, config), Steps(rng, config, scale), ReplyScripts(rng, config), GoModelVariant.Specified, GoModelVariant.Head);
        return new Scenario($"generated gomodel, seed {seed}, size {size}", Scenario.DefaultService, new ScenarioRequest(null), [], GoModel: section);
    }

    private static GoModelConfig Config(SplitMix64 rng)
    {
        var weighted = rng.Chance(50);
        List<int> statuses = rng.Chance(70) ? [] : [.. FailoverSettings.DefaultStatuses.Where(_ => rng.Chance(50))];
        var failover = new FailoverSettings(
            rng.Chance(85),
            rng.Chance(70) ? 3 : 1 + rng.Below(4),
            statuses.Count > 0 ? statuses : FailoverSettings.DefaultStatuses, // an empty list loads as the default
            rng.Chance(70));
        var defaults = new RoutingDefaults(
            weighted ? PoolStrategy.WeightedRoundRobin : PoolStrategy.PriorityFailover, rng.Chance(70), rng.Pick(Ttls), failover);
        var pools = PoolNames.Where((_, i) => i == 0 || rng.Chance(50)).Select(name =>
        {
            var combos = Providers.SelectMany(p => Models.Select(m => (p, m))).ToList();
            var count = 1 + rng.Below(4);
            var candidates = new List<PoolCandidate>();
            while (candidates.Count < count)
            {
                var (provider, model) = combos[rng.Below(combos.Count)];
                combos.Remove((provider, model));
                candidates.Add(new PoolCandidate(provider, model, 1 + rng.Below(3), 1 + rng.Below(5)));
            }

            return new ModelPool(name, candidates);
        });
        return new GoModelConfig(defaults, [.. pools]);
    }

    private static GoModelSnapshot State(SplitMix64 rng, GoModelConfig config)
    {
        var members = config.Pools.SelectMany(p => p.Candidates.Select(c => (Pool: p, Candidate: c))).ToList();
        var counters = members.Where(_ => rng.Chance(25)).ToDictionary(m => PoolResolver.CounterKey(m.Pool, m.Candidate), _ => (long)rng.Below(6));
        var lister = members.Where(_ => rng.Chance(15)).ToDictionary(m => PoolResolver.CounterKey(m.Pool, m.Candidate), _ => (long)rng.Below(6));
        List<AffinityPin> pins = rng.Chance(20)
            ? [new AffinityPin($"{members[0].Pool.Canonical}|user_path|{rng.Pick(UserPaths)}", rng.Pick(members).Candidate.Qualified, rng.Pick(Ttls))]
            : [];
        List<RoutingStateEntry> rows = [.. Enumerable.Range(0, rng.Chance(30) ? 1 + rng.Below(2) : 0).Select(_ => Row(rng, config))];
        var runtime = config.Providers.Where(_ => rng.Chance(30)).ToDictionary(p => p, _ => new ProviderRuntime(
            rng.Chance(70) ? 1 + rng.Below(3) : 0, rng.Chance(25) ? "fetch failed" : null, rng.Chance(25) ? "unavailable" : null, rng.Chance(20)));
        return new GoModelSnapshot(counters, lister, pins, rows, runtime);
    }

    private static RoutingStateEntry Row(SplitMix64 rng, GoModelConfig config)
    {
        var pool = rng.Pick(config.Pools);
        var candidate = rng.Pick(pool.Candidates);
        var enabled = rng.Chance(25);
        return rng.Below(3) switch
        {
            0 => new RoutingStateEntry(RoutingStateKind.Provider, candidate.Provider, null, null, enabled),
            1 => new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, pool.Canonical, null, enabled),
            _ => new RoutingStateEntry(RoutingStateKind.PoolCandidate, candidate.Provider, pool.Canonical, candidate.Model, enabled),
        };
    }

    private static List<GoModelStep> Steps(SplitMix64 rng, GoModelConfig config, int scale)
    {
        var steps = new List<GoModelStep>();
        var count = 1 + rng.Below(scale + 1);
        for (var i = 0; i < count; i++)
        {
            var roll = rng.Below(100);
            steps.Add(roll switch
            {
                < 60 => Request(rng, config, i),
                < 75 => new ListModelsStep(),
                < 90 => new SetStateStep(Row(rng, config)),
                _ => new AdvanceStep(rng.Pick(Advances)),
            });
        }

        return steps;
    }

    private static RequestStep Request(SplitMix64 rng, GoModelConfig config, int index)
    {
        if (rng.Chance(10))
        {
            var direct = rng.Pick(rng.Pick(config.Pools).Candidates);
            return new RequestStep(direct.Model, direct.Provider, null, $"r{index}");
        }

        var model = rng.Chance(5) ? "unknown" : rng.Pick(config.Pools).Canonical;
        return new RequestStep(model, null, rng.Chance(40) ? rng.Pick(UserPaths) : null, rng.Chance(60) ? $"r{index}" : null);
    }

    private static ScriptedReplies ReplyScripts(SplitMix64 rng, GoModelConfig config)
    {
        var candidates = config.Pools.SelectMany(p => p.Candidates).Select(c => c.Qualified).Distinct().Where(_ => rng.Chance(30));
        return new ScriptedReplies(candidates.ToDictionary(
            c => c, IReadOnlyList<UpstreamReply> (_) => [.. Enumerable.Range(0, 1 + rng.Below(3)).Select(_ => rng.Pick(Replies))]));
    }
}
