namespace RouteShadow.Traces.Input;

/// <summary>
/// Counts skipped lines by problem and keeps a few for the report — the first ones by file and
/// line, whatever order the readers' threads report them in — so a file of broken lines costs
/// constant memory however long it is, and the report is the same on every run.
/// </summary>
public sealed class MalformedLines
{
    /// <summary>How many skipped lines are kept with their location.</summary>
    public const int KeptExamples = 50;

    private readonly List<MalformedLine> _examples = [];
    private readonly long[] _byProblem = new long[Enum.GetValues<LineProblem>().Length];
    private readonly Lock _gate = new();

    private static readonly Comparer<MalformedLine> Order = Comparer<MalformedLine>.Create((a, b) =>
        string.CompareOrdinal(a.File, b.File) is var byFile and not 0 ? byFile : a.Line.CompareTo(b.Line));

    /// <summary>Called for every skipped line, e.g. to log it as it happens.</summary>
    public event Action<MalformedLine>? Reported;

    public long Count { get; private set; }

    /// <summary>The first <see cref="KeptExamples"/> skipped lines by file and line number.</summary>
    public IReadOnlyList<MalformedLine> Examples
    {
        get
        {
            lock (_gate)
            {
                return [.. _examples];
            }
        }
    }

    public long CountOf(LineProblem problem) => _byProblem[(int)problem];

    /// <summary>Readers run on their own threads, so reports are serialised.</summary>
    public void Report(MalformedLine line)
    {
        lock (_gate)
        {
            Count++;
            _byProblem[(int)line.Problem]++;
            var at = _examples.BinarySearch(line, Order);
            _examples.Insert(at < 0 ? ~at : at, line);
            if (_examples.Count > KeptExamples)
            {
                _examples.RemoveAt(KeptExamples);
            }
        }

        Reported?.Invoke(line);
    }
}
