using RouteShadow.Core.Shadow;

namespace RouteShadow.Traces.Replay;

/// <summary>Counts of one group (a class, a signature, a problem) with when it was first and last seen and a few examples.</summary>
public sealed class Tally
{
    public const int KeptExamples = 3;

    private readonly List<string> _examples = [];

    public long Count { get; private set; }

    public long FirstSeenMs { get; private set; } = long.MaxValue;

    public long LastSeenMs { get; private set; } = long.MinValue;

    /// <summary>The first requests seen (trace ids, or request ids when there is no trace id).</summary>
    public IReadOnlyList<string> Examples => _examples;

    public void Add(long atMs, string example)
    {
        Count++;
        FirstSeenMs = Math.Min(FirstSeenMs, atMs);
        LastSeenMs = Math.Max(LastSeenMs, atMs);
        if (_examples.Count < KeptExamples)
        {
            _examples.Add(example);
        }
    }
}

/// <summary>A mismatch signature's tally and its first occurrence, kept to show and to export.</summary>
public sealed class SignatureTally
{
    public required string Signature { get; init; }

    public required IReadOnlyList<DivergenceClass> Classes { get; init; }

    /// <summary>The first mismatch with this signature.</summary>
    public required ShadowComparison Example { get; init; }

    public required string ExampleRequest { get; init; }

    public Tally Tally { get; } = new();

    /// <summary>The fixture exported for this signature, relative to the output folder; null if none was written.</summary>
    public string? Fixture { get; set; }

    /// <summary>How many of this signature's requests had a rebuilt state that an engine confirmed against production.</summary>
    public long Confirmed { get; set; }
}

/// <summary>
/// Everything the summary and the reports show, gathered as results stream by. Its size depends on
/// the number of distinct classes, signatures and minutes, not on the number of requests.
/// </summary>
public sealed class ReplayStatistics
{
    private readonly Dictionary<string, SignatureTally> _signatures = new(StringComparer.Ordinal);

    // Comparisons are shared by requests with the same state; their signature is worked out once.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ShadowComparison, string> _signatureOf = [];

    public long Requests { get; private set; }

    public long Replayed { get; private set; }

    public long Mismatches { get; private set; }

    public long EngineErrors { get; private set; }

    /// <summary>Mismatches on requests whose rebuilt state neither engine could match to production.</summary>
    public long UnsureMismatches { get; private set; }

    public long LegacyExplains { get; private set; }

    public long ExecutorExplains { get; private set; }

    public long NeitherExplains { get; private set; }

    public long ProductionShadowAgrees { get; private set; }

    public long ProductionShadowDiffers { get; private set; }

    public long PlansFromConfig { get; private set; }

    public long Unrebuildable => Requests - Replayed;

    public SortedDictionary<RebuildProblem, Tally> Problems { get; } = [];

    /// <summary>The first few detailed reasons per problem (they name stations and times).</summary>
    public SortedDictionary<RebuildProblem, List<string>> ProblemDetails { get; } = [];

    public SortedDictionary<DivergenceClass, Tally> Classes { get; } = [];

    public IEnumerable<SignatureTally> Signatures => _signatures.Values.OrderByDescending(s => s.Tally.Count).ThenBy(s => s.Signature, StringComparer.Ordinal);

    /// <summary>Per minute (Unix ms of its start): requests replayed and mismatches found.</summary>
    public SortedDictionary<long, (long Replayed, long Mismatches)> Minutes { get; } = [];

    public SignatureTally? SignatureOf(string signature) => _signatures.GetValueOrDefault(signature);

    /// <summary>Adds a result; for a mismatch, returns its signature's tally and whether this is the signature's first mismatch.</summary>
    public (SignatureTally? Signature, bool IsNew) Add(RequestResult result)
    {
        Requests++;
        var at = result.Request.StartMs;
        var example = Example(result);
        if (result.Problem is { } problem)
        {
            Tally(Problems, problem).Add(at, example);
            var details = ProblemDetails.TryGetValue(problem, out var list) ? list : ProblemDetails[problem] = [];
            if (details.Count < Replay.Tally.KeptExamples)
            {
                details.Add($"{example}: {result.ProblemDetail}");
            }

            return (null, false);
        }

        Replayed++;
        if (result.Plan?.Source == Timeline.PlanSource.Config)
        {
            PlansFromConfig++;
        }

        var minute = at - (((at % 60_000) + 60_000) % 60_000);
        var (replayed, mismatches) = Minutes.GetValueOrDefault(minute);
        Minutes[minute] = (replayed + 1, mismatches + (result.IsMismatch ? 1 : 0));
        if (result.Comparison!.Verdict == ShadowVerdict.EngineError)
        {
            EngineErrors++;
            return (null, false);
        }

        var fidelity = result.Fidelity!;
        LegacyExplains += fidelity.Legacy.Explains ? 1 : 0;
        ExecutorExplains += fidelity.Executor.Explains ? 1 : 0;
        NeitherExplains += fidelity.Legacy.Explains || fidelity.Executor.Explains ? 0 : 1;
        ProductionShadowAgrees += fidelity.ProductionShadowAgrees == true ? 1 : 0;
        ProductionShadowDiffers += fidelity.ProductionShadowAgrees == false ? 1 : 0;
        if (!result.IsMismatch)
        {
            return (null, false);
        }

        Mismatches++;
        UnsureMismatches += fidelity.StateConfirmed ? 0 : 1;
        foreach (var divergence in result.Comparison.Classes)
        {
            Tally(Classes, divergence).Add(at, example);
        }

        var signature = _signatureOf.GetValue(result.Comparison, MismatchSignature.Of);
        var isNew = !_signatures.TryGetValue(signature, out var tally);
        if (isNew)
        {
            tally = new SignatureTally { Signature = signature, Classes = result.Comparison.Classes, Example = result.Comparison, ExampleRequest = example };
            _signatures.Add(signature, tally);
        }

        tally!.Tally.Add(at, example);
        tally.Confirmed += fidelity.StateConfirmed ? 1 : 0;
        return (tally, isNew);
    }

    /// <summary>How a request is named in examples: its trace id, else its request id, else its end time.</summary>
    public static string Example(RequestResult result) =>
        result.Request.TraceId
        ?? (result.Request.RequestId is { } id ? $"{result.Request.Service}#{id}" : $"{result.Request.Service}@{result.Request.TimestampMs}");

    private static Tally Tally<TKey>(SortedDictionary<TKey, Tally> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var tally))
        {
            tally = new Tally();
            map.Add(key, tally);
        }

        return tally;
    }
}
