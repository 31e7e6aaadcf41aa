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
/// the order hints at the sticky upstream (which may also sit on an upstream it skips). Each station's candidates are tried on the legacy engine
/// alone, and the combinations of those that fit on both engines, fewest departures from a healthy
/// state first. The search is bounded;
/// not finding a state is a finding (a model gap), never a guess.
/// </summary>
internal static class StateSearch
{
    /// <summary>The scenario clock every rebuilt scenario plans at.</summary>
    public const long NowMs = 1_000_000_000;

    private const int MaxTriedPerStation = 4096;
    private const int MaxKeptPerStation = 32;
    private const int MaxCombinations = 20_000;
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

    /// <summary>A station state the legacy list allows, and how far it is from a healthy one.</summary>
    private sealed record Candidate(ScenarioState State, int Complexity);

    public static Result Find(MismatchEvent mismatch, IReadOnlyList<Station> stations, ShadowRunner runner)
    {
        var request = new ScenarioRequest(mismatch.Model);
        var candidates = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var station in stations.DistinctBy(s => s.Name))
        {
            var kept = LegacyConsistent(mismatch, stations.Where(s => s.Name == station.Name).ToList(), runner.Legacy, request);
            if (kept.Count == 0)
            {
                return new Result(null, Assemble(mismatch, stations, candidates.ToDictionary(c => c.Key, c => c.Value[0].State, StringComparer.Ordinal)),
                    $"no state of station {station.Name} makes the legacy engine list it as production did");
            }

            candidates[station.Name] = kept;
        }

        var names = candidates.Keys.ToList();
        var tried = 0;
        foreach (var choice in ByComplexity([.. names.Select(n => candidates[n])]))
        {
            if (++tried > MaxCombinations)
            {
                break;
            }

            var states = names.Select((n, i) => (n, choice[i])).ToDictionary(p => p.n, p => p.Item2.State, StringComparer.Ordinal);
            var scenario = Assemble(mismatch, stations, states);
            var question = ScenarioBuilder.Build(scenario, NowMs);
            if (runner.Legacy.Plan(question).SequenceEqual(mismatch.LegacyAttempts)
                && runner.Executor.Plan(question).SequenceEqual(mismatch.ExecutorAttempts))
            {
                return new Result(scenario, scenario, $"state found after {tried} combination(s)");
            }
        }

        var first = names.ToDictionary(n => n, n => candidates[n][0].State, StringComparer.Ordinal);
        var closest = Assemble(mismatch, stations, first);
        var diff = AttemptDiff.Between(runner.Executor.Plan(ScenarioBuilder.Build(closest, NowMs)), mismatch.ExecutorAttempts);
        return new Result(null, closest,
            $"states that reproduce the legacy list never give the executor's: with the simplest, the C# executor parts from production at attempt {diff.FirstDivergence ?? 0}");
    }

    /// <summary>The simplest states under which the legacy engine lists the station exactly as production's legacy list does.</summary>
    private static List<Candidate> LegacyConsistent(MismatchEvent mismatch, IReadOnlyList<Station> occurrences, IRoutingEngine legacy, ScenarioRequest request)
    {
        var station = occurrences[0];
        var logged = mismatch.LegacyAttempts.Where(a => a.StationName == station.Name).Select(Walk).ToList();
        var listed = logged.Select(w => w.Index).ToHashSet();
        var options = Enumerable.Range(0, station.Upstreams.Count)
            .Select(i => listed.Contains(i) ? new[] { Health.Healthy, Health.UsageExhausted, Health.CoolingBelowThreshold } : [Health.Unavailable])
            .ToArray();
        // Any upstream may be sticky, even one the legacy balancer skips as unavailable: the executor's affinity still sees it.
        int?[] sticky = [null, .. Enumerable.Range(0, station.Upstreams.Count).Select(i => (int?)i)];

        var consistent = new List<Candidate>();
        var tried = 0;
        foreach (var lastGood in sticky)
        {
            var choice = new int[options.Length];
            do
            {
                var health = choice.Select((c, i) => options[i][c]).ToArray();
                var state = StateOf(health, lastGood);
                var scenario = new Scenario("", mismatch.Service, request, [.. occurrences.Select(s => new ScenarioStation(s, state, []))]);
                if (legacy.Plan(ScenarioBuilder.Build(scenario, NowMs)).Select(Walk).SequenceEqual(logged))
                {
                    // Unavailable upstreams are forced by the list, so they do not count against a state.
                    consistent.Add(new Candidate(state, health.Count(h => h is Health.UsageExhausted or Health.CoolingBelowThreshold) + (lastGood is null ? 0 : 1)));
                }
            }
            while (++tried < MaxTriedPerStation && Next(choice, [.. options.Select(o => o.Length)]));
        }

        return [.. consistent.OrderBy(c => c.Complexity).Take(MaxKeptPerStation)];
    }

    /// <summary>
    /// Every choice of one candidate per station, those with the fewest departures from a healthy
    /// state first: the explanation production's lists most likely had.
    /// </summary>
    private static IEnumerable<Candidate[]> ByComplexity(IReadOnlyList<List<Candidate>> stations)
    {
        var most = stations.Sum(s => s[^1].Complexity);
        var choice = new Candidate[stations.Count];
        for (var total = 0; total <= most; total++)
        {
            foreach (var found in WithTotal(stations, 0, total, choice))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<Candidate[]> WithTotal(IReadOnlyList<List<Candidate>> stations, int at, int remaining, Candidate[] choice)
    {
        if (at == stations.Count)
        {
            if (remaining == 0)
            {
                yield return choice;
            }

            yield break;
        }

        foreach (var candidate in stations[at].TakeWhile(c => c.Complexity <= remaining))
        {
            choice[at] = candidate;
            foreach (var found in WithTotal(stations, at + 1, remaining - candidate.Complexity, choice))
            {
                yield return found;
            }
        }
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

    private static Scenario Assemble(MismatchEvent mismatch, IReadOnlyList<Station> stations, Dictionary<string, ScenarioState> states) =>
        new("", mismatch.Service, new ScenarioRequest(mismatch.Model),
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
