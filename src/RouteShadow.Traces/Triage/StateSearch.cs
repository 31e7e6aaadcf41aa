using RouteShadow.Core.Engines;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// Finds a load-balancer state under which the C# engines produce exactly the two attempt lists
/// production logged. The legacy list says a lot about its state: an upstream it never lists was
/// unavailable (failures over the threshold, cooling down); one it lists was available, healthy
/// or usage-exhausted or — invisible to the legacy balancer — cooling down below the threshold;
/// the order hints at the sticky upstream. Each station's candidates are tried on the legacy engine
/// alone, simplest first, and the combinations that survive on both engines. The search is bounded;
/// not finding a state is a finding (a model gap), never a guess.
/// </summary>
internal static class StateSearch
{
    /// <summary>The scenario clock every rebuilt scenario plans at.</summary>
    public const long NowMs = 1_000_000_000;

    private const int MaxTriedPerStation = 4096;
    private const int MaxKeptPerStation = 32;
    private const int MaxCombinations = 4096;
    private const long CooldownMs = 60_000;

    /// <summary>What an upstream's state may be, in the order they are tried.</summary>
    private enum Health
    {
        Healthy,
        UsageExhausted,
        CoolingBelowThreshold,
        Unavailable,
    }

    public sealed record Result(Scenario? Found, Scenario Closest, string Note);

    public static Result Find(MismatchEvent mismatch, IReadOnlyList<Station> stations, ShadowRunner runner, string name)
    {
        var request = new ScenarioRequest(mismatch.Model);
        var candidates = new Dictionary<string, List<ScenarioState>>(StringComparer.Ordinal);
        foreach (var station in stations.DistinctBy(s => s.Name))
        {
            var kept = LegacyConsistent(mismatch, stations.Where(s => s.Name == station.Name).ToList(), runner.Legacy, request);
            if (kept.Count == 0)
            {
                return new Result(null, Assemble(name, mismatch, stations, candidates.ToDictionary(c => c.Key, c => c.Value[0], StringComparer.Ordinal)),
                    $"no state of station {station.Name} makes the legacy engine list it as production did");
            }

            candidates[station.Name] = kept;
        }

        var names = candidates.Keys.ToList();
        var choice = new int[names.Count];
        for (var tried = 0; tried < MaxCombinations; tried++)
        {
            var states = names.Select((n, i) => (n, candidates[n][choice[i]])).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
            var scenario = Assemble(name, mismatch, stations, states);
            var question = ScenarioBuilder.Build(scenario, NowMs);
            if (runner.Legacy.Plan(question).SequenceEqual(mismatch.LegacyAttempts)
                && runner.Executor.Plan(question).SequenceEqual(mismatch.ExecutorAttempts))
            {
                return new Result(scenario, scenario, $"state found after {tried + 1} combination(s)");
            }

            if (!Next(choice, names.Select(n => candidates[n].Count).ToArray()))
            {
                break;
            }
        }

        var first = names.ToDictionary(n => n, n => candidates[n][0], StringComparer.Ordinal);
        var closest = Assemble(name, mismatch, stations, first);
        var diff = AttemptDiff.Between(runner.Executor.Plan(ScenarioBuilder.Build(closest, NowMs)), mismatch.ExecutorAttempts);
        return new Result(null, closest,
            $"states that reproduce the legacy list never give the executor's: with the simplest, the C# executor parts from production at attempt {diff.FirstDivergence ?? 0}");
    }

    /// <summary>The first states, simplest first, under which the legacy engine lists the station exactly as production's legacy list does.</summary>
    private static List<ScenarioState> LegacyConsistent(MismatchEvent mismatch, IReadOnlyList<Station> occurrences, IRoutingEngine legacy, ScenarioRequest request)
    {
        var station = occurrences[0];
        var logged = mismatch.LegacyAttempts.Where(a => a.StationName == station.Name).Select(Walk).ToList();
        var listed = logged.Select(w => w.Index).ToHashSet();
        var options = Enumerable.Range(0, station.Upstreams.Count)
            .Select(i => listed.Contains(i) ? new[] { Health.Healthy, Health.UsageExhausted, Health.CoolingBelowThreshold } : [Health.Unavailable])
            .ToArray();
        int?[] sticky = [null, .. listed.Order().Select(i => (int?)i)];

        var kept = new List<ScenarioState>();
        var tried = 0;
        foreach (var lastGood in sticky)
        {
            var choice = new int[options.Length];
            do
            {
                var state = StateOf([.. choice.Select((c, i) => options[i][c])], lastGood);
                var scenario = new Scenario("", mismatch.Service, request, [.. occurrences.Select(s => new ScenarioStation(s, state, []))]);
                if (legacy.Plan(ScenarioBuilder.Build(scenario, NowMs)).Select(Walk).SequenceEqual(logged))
                {
                    kept.Add(state);
                }
            }
            while (kept.Count < MaxKeptPerStation && ++tried < MaxTriedPerStation && Next(choice, [.. options.Select(o => o.Length)]));

            if (kept.Count >= MaxKeptPerStation || tried >= MaxTriedPerStation)
            {
                break;
            }
        }

        return kept;
    }

    /// <summary>What the legacy walk within one station shows, without the fields that depend on other stations.</summary>
    private static (AttemptDecision Decision, int Index, string Avoid) Walk(ShadowAttempt attempt) =>
        (attempt.Decision, attempt.UpstreamIndex, string.Join(",", attempt.AvoidForStation));

    private static ScenarioState StateOf(Health[] health, int? lastGood) => new(
        [.. health.Select(h => h == Health.Unavailable ? 3u : 0u)],
        [.. health.Select(h => h is Health.Unavailable or Health.CoolingBelowThreshold ? CooldownMs : (long?)null)],
        [.. health.Select(h => h == Health.UsageExhausted)],
        null,
        lastGood,
        null);

    private static Scenario Assemble(string name, MismatchEvent mismatch, IReadOnlyList<Station> stations, Dictionary<string, ScenarioState> states) =>
        new(name, mismatch.Service, new ScenarioRequest(mismatch.Model),
            [.. stations.Select(s => new ScenarioStation(s, states.GetValueOrDefault(s.Name), []))]);

    /// <summary>Advances a mixed-radix counter; false once every combination has been visited.</summary>
    private static bool Next(int[] choice, int[] radix)
    {
        for (var i = choice.Length - 1; i >= 0; i--)
        {
            if (++choice[i] < radix[i])
            {
                return true;
            }

            choice[i] = 0;
        }

        return false;
    }
}
