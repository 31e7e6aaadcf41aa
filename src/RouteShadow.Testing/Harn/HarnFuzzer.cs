using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Harn;
using RouteShadow.Testing.Fuzzing;

namespace RouteShadow.Testing.Harn;

/// <summary>
/// Runs generated harn calls through the checks on the seed, counts the violations per known bug
/// class, and shrinks an early example of each class to a minimal scenario whose expect block pins
/// the seed against the variant that shows the class.
/// </summary>
/// <remarks>
/// Case <c>i</c> depends only on the seed and <c>i</c> (<see cref="FuzzCase.Seed"/>), and cases run
/// in ordered batches, so a run is the same on any number of cores; a time limit only ever cuts it
/// after a whole batch.
/// </remarks>
public sealed class HarnFuzzer(TimeProvider time)
{
    private const int BatchSize = 1024;

    public HarnFuzzResult Run(FuzzOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        var started = time.GetTimestamp();
        var outcomes = new IReadOnlyList<HarnBugClass>[BatchSize];
        var tally = new SortedDictionary<HarnBugClass, (int Count, int ExampleIndex, IReadOnlyList<HarnBugClass> ExampleClasses)>();
        int cases = 0, violations = 0;
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
            Parallel.For(0, count, parallel, j => outcomes[j] = Classes(Generate(new FuzzCase(options.Seed, first + j))));
            for (var j = 0; j < count; j++)
            {
                var classes = outcomes[j];
                violations += classes.Count > 0 ? 1 : 0;
                foreach (var bug in classes)
                {
                    tally[bug] = !tally.TryGetValue(bug, out var seen) ? (1, first + j, classes)
                        : classes.Count == 1 && seen.ExampleClasses.Count > 1 ? (seen.Count + 1, first + j, classes)
                        : seen with { Count = seen.Count + 1 };
                }
            }

            cases += count;
        }

        var found = tally.ToArray();
        var findings = new HarnFinding[found.Length];
        Parallel.For(0, found.Length, parallel, k =>
        {
            var (bug, (count, exampleIndex, exampleClasses)) = found[k];
            var exampleCase = new FuzzCase(options.Seed, exampleIndex);
            findings[k] = new HarnFinding(bug, count, exampleCase, Example(bug, exampleCase, exampleClasses, options.Seed));
        });

        return new HarnFuzzResult(options.Seed, cases, violations, findings, stopped);
    }

    public static Scenario Generate(FuzzCase fuzzCase) => HarnGen.Generate(fuzzCase.Seed, HarnGen.MaxSize);

    public static IReadOnlyList<HarnBugClass> Classes(Scenario scenario) => HarnChecks.SeedViolations(scenario.Harn!.Question);

    /// <summary>
    /// The case shrunk for as long as it still shows the class and no class the case did not have,
    /// set to the variant pair that shows the class, with an expect block from their report.
    /// </summary>
    private static Scenario Example(HarnBugClass bug, FuzzCase exampleCase, IReadOnlyList<HarnBugClass> caseClasses, ulong runSeed)
    {
        var minimal = HarnShrinker.Minimize(Generate(exampleCase), candidate =>
        {
            var classes = Classes(candidate);
            return classes.Contains(bug) && classes.All(caseClasses.Contains);
        });

        var (control, candidate) = HarnChecks.PairFor(bug);
        var section = minimal.Harn! with { Control = control, Candidate = candidate };
        var report = HarnReport.Of(section);
        return minimal with
        {
            Name = $"{bug.WireName()} ({bug.SpecIds()}): shrunk from harn fuzz seed {runSeed}, case {exampleCase.Index} (case seed {exampleCase.Seed})",
            Harn = section with
            {
                Expect = new HarnExpectation(report.Matches, HarnRunSummary.Of(report.ControlRun), HarnRunSummary.Of(report.CandidateRun)),
            },
        };
    }
}

/// <summary>What a harn fuzz run found.</summary>
/// <param name="Violations">Cases on which a check failed on the seed.</param>
/// <param name="Findings">One per class found, in class order.</param>
public sealed record HarnFuzzResult(ulong Seed, int Cases, int Violations, IReadOnlyList<HarnFinding> Findings, bool StoppedByTimeLimit)
{
    /// <summary>Violations no known class explains.</summary>
    public int Unclassified => Findings.FirstOrDefault(f => f.Class == HarnBugClass.Unclassified)?.Count ?? 0;
}

/// <summary>A class the run found: how many cases showed it, the case its example came from, and the shrunk example.</summary>
public sealed record HarnFinding(HarnBugClass Class, int Count, FuzzCase ExampleCase, Scenario Example)
{
    public string FileName => Class.WireName() + ".json";
}
