namespace RouteShadow.Traces.Input;

/// <summary>
/// Counts skipped lines by problem and keeps the first few for the report, so a file of broken
/// lines costs constant memory however long it is.
/// </summary>
public sealed class MalformedLines
{
    /// <summary>How many skipped lines are kept with their location.</summary>
    public const int KeptExamples = 50;

    private readonly List<MalformedLine> _examples = [];
    private readonly long[] _byProblem = new long[Enum.GetValues<LineProblem>().Length];
    private readonly Lock _gate = new();

    /// <summary>Called for every skipped line, e.g. to log it as it happens.</summary>
    public event Action<MalformedLine>? Reported;

    public long Count { get; private set; }

    /// <summary>The first <see cref="KeptExamples"/> skipped lines, in the order they were met.</summary>
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
            if (_examples.Count < KeptExamples)
            {
                _examples.Add(line);
            }
        }

        Reported?.Invoke(line);
    }
}
