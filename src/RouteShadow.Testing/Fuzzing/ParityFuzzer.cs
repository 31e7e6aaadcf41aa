using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Shrinking;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>
/// Runs generated scenarios through codex-helper's shadow comparison, counts the mismatches per
/// divergence class, and shrinks an early example of each class to a minimal scenario.
/// </summary>
/// <remarks>
/// Case <c>i</c> depends only on the seed and <c>i</c>, and cases run in ordered batches, so a run
/// is the same on any number of cores; a time limit only ever cuts it after a whole batch.
/// </remarks>
public sealed class ParityFuzzer(TimeProvider time)
{
    /// <summary>Cases compared between two looks at the clock: large enough to keep both cores busy.</summary>
    private const int BatchSize = 2048;

    public FuzzResult Run(FuzzOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };

        var started = time.GetTimestamp();
        var outcomes = new ClassSet[BatchSize];
        var tally = new Tally();
        var cases = 0;
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
            Parallel.For(0, count, parallel, j =>
                outcomes[j] = ClassSet.Of(ScenarioShadow.Compare(new FuzzCase(options.Seed, first + j).Generate(options.Mode))));
            for (var j = 0; j < count; j++)
            {
                tally.Add(first + j, outcomes[j]);
            }

            cases += count;
        }

        var found = tally.Classes.ToArray();
        var findings = new FuzzFinding[found.Length];
        Parallel.For(0, found.Length, parallel, k =>
        {
            var (divergence, count, exampleIndex, exampleClasses) = found[k];
            var exampleCase = new FuzzCase(options.Seed, exampleIndex);
            findings[k] = new FuzzFinding(divergence, count, exampleCase, Example(divergence, exampleCase, exampleClasses, options));
        });

        return new FuzzResult(options.Mode, options.Seed, cases, tally.Mismatches, findings, stopped);
    }

    /// <summary>
    /// A case of the class shrunk for as long as it still carries the class and no class the case
    /// did not have, with an expect block taken from its comparison.
    /// </summary>
    private static Scenario Example(DivergenceClass divergence, FuzzCase exampleCase, ClassSet caseClasses, FuzzOptions options)
    {
        var minimal = ScenarioShrinker.Minimize(exampleCase.Generate(options.Mode), candidate =>
        {
            var classes = ClassSet.Of(ScenarioShadow.Compare(candidate));
            return classes.Contains(divergence) && classes.IsSubsetOf(caseClasses);
        });

        var comparison = ScenarioShadow.Compare(minimal);
        return minimal with
        {
            Name = $"{divergence.WireName()}: shrunk from fuzz seed {options.Seed}, case {exampleCase.Index} (case seed {exampleCase.Seed}, size {exampleCase.Size})",
            Expect = comparison.Verdict == ShadowVerdict.EngineError ? null : new ScenarioExpectation(comparison.Report, comparison.Classes),
        };
    }

    /// <summary>
    /// Mismatch counts per class, and the case each class's example is shrunk from: the first
    /// that shows the class alone, or failing that the first that shows it at all. Fed in case order.
    /// </summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<DivergenceClass, (int Count, int ExampleIndex, ClassSet ExampleClasses)> _classes = [];

        public int Mismatches { get; private set; }

        public IEnumerable<(DivergenceClass Class, int Count, int ExampleIndex, ClassSet ExampleClasses)> Classes =>
            _classes.Select(entry => (entry.Key, entry.Value.Count, entry.Value.ExampleIndex, entry.Value.ExampleClasses));

        public void Add(int index, ClassSet classes)
        {
            if (classes.IsEmpty)
            {
                return;
            }

            Mismatches++;
            foreach (var divergence in classes.Classes())
            {
                if (!_classes.TryGetValue(divergence, out var seen))
                {
                    _classes[divergence] = (1, index, classes);
                }
                else if (classes.IsSingle && !seen.ExampleClasses.IsSingle)
                {
                    _classes[divergence] = (seen.Count + 1, index, classes);
                }
                else
                {
                    _classes[divergence] = seen with { Count = seen.Count + 1 };
                }
            }
        }
    }
}
