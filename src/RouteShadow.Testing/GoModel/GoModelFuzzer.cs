using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Fuzzing;

namespace RouteShadow.Testing.GoModel;

/// <summary>
/// <c>fuzz --engine gomodel</c>: generates GoModel scenarios, diffs <c>specified</c> against
/// <c>head</c>, names every finding a case exhibits (<see cref="GoModelVerdict"/>), and shrinks an
/// early case of each to a minimal scenario file. A check that <c>specified</c> fails is unexplained.
/// </summary>
/// <remarks>Case <c>i</c> depends only on the seed and <c>i</c>; batches run in order, so any core count gives the same run.</remarks>
public sealed class GoModelFuzzer(TimeProvider time)
{
    /// <summary>The class name of a case a known finding does not explain.</summary>
    public const string Unclassified = "unclassified";

    private const int BatchSize = 256;

    public GoModelFuzzResult Run(FuzzOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Cases);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        var started = time.GetTimestamp();
        var verdicts = new GoModelVerdict[BatchSize];
        var firsts = new SortedDictionary<string, (int Count, int Example)>(StringComparer.Ordinal);
        int cases = 0, mismatches = 0;
        var stopped = false;
        while (cases < options.Cases)
        {
            if (options.TimeLimit is { } limit && time.GetElapsedTime(started) >= limit)
            {
                stopped = true;
                break;
            }

            var first = cases;
            var count = Math.Min(BatchSize, options.Cases - first);
            Parallel.For(0, count, parallel, j => verdicts[j] = GoModelVerdict.Of(Generate(new FuzzCase(options.Seed, first + j))));
            for (var j = 0; j < count; j++)
            {
                var verdict = verdicts[j];
                mismatches += verdict.Matches ? 0 : 1;
                var names = verdict.Classes.Select(c => c.WireName()).Concat(verdict.Unexplained is null ? [] : [Unclassified]);
                foreach (var name in names)
                {
                    firsts[name] = firsts.TryGetValue(name, out var seen) ? seen with { Count = seen.Count + 1 } : (1, first + j);
                }
            }

            cases += count;
        }

        var found = firsts.ToArray();
        var findings = new GoModelFinding[found.Length];
        Parallel.For(0, found.Length, parallel, k =>
        {
            var (name, (count, example)) = (found[k].Key, found[k].Value);
            var exampleCase = new FuzzCase(options.Seed, example);
            findings[k] = new GoModelFinding(name, count, exampleCase, Example(name, exampleCase, options.Seed));
        });

        return new GoModelFuzzResult(options.Seed, cases, mismatches, findings, stopped);
    }

    /// <summary>The scenario of a case: drawn from its own seed at full size, like the parity fuzzer's.</summary>
    public static Scenario Generate(FuzzCase fuzzCase) => GoModelScenarioGen.Generate(fuzzCase.Seed, fuzzCase.Size);

    /// <summary>
    /// The case shrunk for as long as it still exhibits the finding and <c>specified</c> still passes
    /// every check (an unexplained case: for as long as <c>specified</c> still fails one), with an expect block.
    /// </summary>
    private static Scenario Example(string name, FuzzCase exampleCase, ulong seed)
    {
        Func<Scenario, bool> keeps = GoModelBugNames.TryParse(name, out var bug)
            ? candidate =>
            {
                var question = candidate.GoModel!.Question(GoModelVerdict.NowMs);
                return GoModelVerdict.Exhibits(question, bug) && GoModelChecks.Run(question, GoModelVariant.Specified).Count == 0;
            }
            : candidate => GoModelVerdict.Of(candidate).Unexplained is not null;
        var minimal = GoModelShrinker.Minimize(Generate(exampleCase), keeps);
        return minimal with
        {
            Name = $"{name}: shrunk from gomodel fuzz seed {seed}, case {exampleCase.Index} (case seed {exampleCase.Seed}, size {exampleCase.Size})",
            GoModel = minimal.GoModel! with { Expect = GoModelVerdict.Expectation(minimal) },
        };
    }
}

/// <summary>What a GoModel fuzz run found; <see cref="Findings"/> holds one entry per class, in name order.</summary>
public sealed record GoModelFuzzResult(ulong Seed, int Cases, int Mismatches, IReadOnlyList<GoModelFinding> Findings, bool StoppedByTimeLimit)
{
    public int Unclassified => Findings.FirstOrDefault(f => f.Class == GoModelFuzzer.Unclassified)?.Count ?? 0;
}

/// <summary>A class the run found: how many cases showed it, the first such case, and that case shrunk.</summary>
public sealed record GoModelFinding(string Class, int Count, FuzzCase ExampleCase, Scenario Example)
{
    public string FileName => Class + ".json";
}
