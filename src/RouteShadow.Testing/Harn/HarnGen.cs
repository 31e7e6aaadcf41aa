using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.Harn;

/// <summary>
/// Generated harn calls as plain, valid scenario files: chains of one to four links (repeats
/// allowed), racing, explicit and default failover rules, budgets under every <c>on_exceed</c>,
/// priced and unpriced models, and a scripted outcome per link — fast and slow, successes,
/// categorised errors and thrown strings the classifier reads, some with incidental numbers.
/// </summary>
/// <remarks>
/// The values are few and chosen near the rules' edges (sub-second timeouts, <c>race_after_ms</c>
/// of 0, calls slower than the default race deadline), so small cases reach every branch.
/// </remarks>
public static class HarnGen
{
    public const int MaxSize = 100;

    private static readonly string[] Providers = ["openai", "anthropic", "gemini"];
    private static readonly string[] Models = ["m1", "m2"];
    private static readonly long[] LinkTimeouts = [0, 500, 1500, 3000, 30_000];
    private static readonly int[] Statuses = [408, 429, 500, 503];
    private static readonly string[] Kinds = ["rate_limit", "overloaded", "auth", "budget_exceeded", "transient", "timeout"];
    private static readonly long[] OnTimeouts = [500, 2000, 10_000];
    private static readonly long[] RaceAfters = [0, 50, 100, 250, 1000];
    private static readonly double[] PerCallCaps = [0.001, 0.005, 0.02, 0.1];
    private static readonly double[] SessionCaps = [0.01, 0.05, 0.5];
    private static readonly double[] Sessions = [0.01, 0.04, 0.4];
    private static readonly long[] InputTokens = [100, 1000, 4000];
    private static readonly long[] MaxTokens = [64, 512, 2048];
    private static readonly double[] InputPrices = [0.0005, 0.003, 0.01];
    private static readonly double[] OutputPrices = [0.0015, 0.015, 0.03];
    private static readonly long[] Durations = [5, 40, 120, 300, 800, 1800, 4000];
    private static readonly long[] SlowDurations = [130_000, 250_000];
    private static readonly long[] OutputTokens = [0, 50, 400];

    private static readonly ErrorCategory[] Categories =
    [
        ErrorCategory.RateLimit, ErrorCategory.Overloaded, ErrorCategory.ServerError, ErrorCategory.TransientNetwork,
        ErrorCategory.Auth, ErrorCategory.Generic, ErrorCategory.NotFound, ErrorCategory.Timeout,
    ];

    private static readonly string[] Messages =
    [
        "upstream returned 503", "HTTP 429 too many requests", "status: 500", "max_tokens must be <= 500",
        "invalid_api_key", "connection reset by peer", "something odd",
    ];

    private static readonly Gen<ulong> Seeds =
        from high in Gen.Choose(0, int.MaxValue)
        from low in Gen.Choose(0, int.MaxValue)
        select ((ulong)high << 32) ^ (ulong)low;

    /// <summary>An FsCheck generator, growing with FsCheck's size.</summary>
    public static Gen<Scenario> Scenarios { get; } = Gen.Sized(size => Seeds.Select(seed => Generate(seed, size)));

    /// <summary>The generator with the real shrinker, for <c>[Property]</c> tests.</summary>
    public static Arbitrary<Scenario> Arbitrary { get; } = Arb.From(Scenarios, HarnShrinker.Shrink);

    /// <summary>The scenario <paramref name="seed"/> draws at <paramref name="size"/> (0 to <see cref="MaxSize"/>): the same every time.</summary>
    public static Scenario Generate(ulong seed, int size)
    {
        var rng = new SplitMix64(seed);
        var links = 1 + rng.Below(1 + (Math.Clamp(size, 0, MaxSize) * 3 / MaxSize));
        var chain = new PolicyLink[links];
        for (var i = 0; i < links; i++)
        {
            chain[i] = new PolicyLink(
                rng.Pick(Providers),
                rng.Pick(Models),
                rng.Chance(25) ? rng.Pick(LinkTimeouts) : null,
                rng.Chance(10) ? (i == 0 ? "primary" : $"backup{i}") : null);
        }

        var policy = new RoutingPolicy(chain, Failover(rng, links), rng.Chance(60) ? new LatencyRules(rng.Pick(RaceAfters)) : LatencyRules.None, Budget(rng));
        var pricing = chain.Select(l => l.Key).Distinct().Where(_ => rng.Chance(75))
            .ToDictionary(key => key, _ => new ModelPrice(rng.Pick(InputPrices), rng.Pick(OutputPrices)));
        var question = new HarnQuestion(
            policy,
            new HarnRequest(rng.Pick(InputTokens), rng.Pick(MaxTokens)),
            pricing,
            rng.Chance(20) ? rng.Pick(Sessions) : 0,
            [.. chain.Select(_ => Outcome(rng))]);
        return new Scenario($"generated harn call, seed {seed}, size {size}", Scenario.DefaultService, new ScenarioRequest(null), [])
        {
            Harn = new HarnSection(question, HarnSection.DefaultControl, HarnSection.DefaultCandidate),
        };
    }

    private static FailoverRules Failover(SplitMix64 rng, int links) => new(
        rng.Chance(30) ? [.. Statuses.Where(_ => rng.Chance(50))] : [],
        rng.Chance(20) ? [.. Kinds.Where(_ => rng.Chance(40))] : [],
        rng.Chance(15) ? rng.Pick(OnTimeouts) : null,
        rng.Chance(20) ? rng.Below(links + 2) : null);

    private static BudgetRules? Budget(SplitMix64 rng)
    {
        if (!rng.Chance(40))
        {
            return null;
        }

        var perCall = rng.Chance(60) ? rng.Pick(PerCallCaps) : (double?)null;
        var session = perCall is null || rng.Chance(30) ? rng.Pick(SessionCaps) : (double?)null;
        return new BudgetRules(perCall, session, (OnExceed)rng.Below(3));
    }

    private static LinkOutcome Outcome(SplitMix64 rng)
    {
        var ms = rng.Chance(4) ? rng.Pick(SlowDurations) : rng.Pick(Durations);
        if (rng.Chance(45))
        {
            var error = rng.Chance(50) ? LinkError.Of(rng.Pick(Categories), "provider error") : LinkError.ThrownString(rng.Pick(Messages));
            return new LinkOutcome(ms, error);
        }

        return new LinkOutcome(ms, null, rng.Pick(OutputTokens), rng.Chance(5) ? "alias-model" : null);
    }
}
