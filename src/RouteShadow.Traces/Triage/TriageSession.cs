using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;

namespace RouteShadow.Traces.Triage;

/// <summary>What a triage reads and where it writes.</summary>
/// <param name="Trace">The active control trace; its rotated files next to it are read first.</param>
/// <param name="SinceMs">Events logged before this time (unix ms) are passed over.</param>
/// <param name="Inputs">The inputs as the user named them, for the report.</param>
public sealed record TriageOptions(string Trace, ProxyConfig? Config, long? SinceMs, string Out, IReadOnlyList<string> Inputs);

/// <summary>
/// One triage, one-shot or followed: the trace tail feeding the groups (which re-run each new
/// kind of mismatch as it arrives), and the outputs. A one-shot triage polls once, completes and flushes; a follow polls
/// and flushes on its own schedule and flushes once more when it stops.
/// </summary>
public sealed class TriageSession : IDisposable
{
    private readonly TriageOptions _options;
    private readonly TraceTail _tail;
    private readonly TriageOutputs _outputs;

    public TriageSession(TriageOptions options, ShadowRunner runner, MalformedLines malformed)
    {
        _options = options;
        Malformed = malformed;
        Groups = new TriageGroups(new MismatchReproducer(runner, options.Config));
        _outputs = new TriageOutputs(options.Out);
        _tail = new TraceTail(options.Trace, malformed, Accept);
    }

    public TriageGroups Groups { get; }

    public MalformedLines Malformed { get; }

    /// <summary>Mismatch events passed over for <c>--since</c>.</summary>
    public long BeforeSince { get; private set; }

    public int Rotations => _tail.Rotations;

    public int Truncations => _tail.Truncations;

    /// <summary>Reads what the trace gained since the last poll.</summary>
    public void Poll(CancellationToken cancellationToken = default) => _tail.Poll(cancellationToken);

    /// <summary>The trace will not grow (a one-shot read): a cut last line counts as truncated.</summary>
    public void Complete() => _tail.Complete();

    /// <summary>Writes every output and returns the counts.</summary>
    public TriageSummary Flush()
    {
        var summary = Groups.Summary(Malformed.Count);
        _outputs.Write(Groups, summary, Malformed, _options.Inputs);
        return summary;
    }

    public void Dispose() => _tail.Dispose();

    private void Accept(MismatchEvent mismatch)
    {
        if (mismatch.TsMs < _options.SinceMs)
        {
            BeforeSince++;
            return;
        }

        Groups.Add(mismatch);
    }
}
