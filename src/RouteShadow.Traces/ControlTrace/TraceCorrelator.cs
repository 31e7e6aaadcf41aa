using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>What the control trace says about one request.</summary>
internal sealed class TraceFacts
{
    public long FirstTsMs { get; init; }

    /// <summary>When execution started: the anchor for matching the request's station selection.</summary>
    public long? RetryOptionsTsMs { get; set; }

    public RetryPolicy? Policy { get; set; }

    public ShadowMismatch? Shadow { get; set; }

    /// <summary>The model note of the first <c>attempt_select</c>, or the model an explain or shadow event names.</summary>
    public string? ModelNote { get; set; }

    public bool HasModel { get; set; }

    /// <summary>When each HTTP attempt started, in order (<c>attempt_select</c> times).</summary>
    public List<long> AttemptStarts { get; } = [];
}

/// <summary>
/// Joins the control trace to the request log as both are read in time order. Events that carry
/// a request id are gathered by trace id; the station selection (<c>lbs_for_request</c>), which
/// carries none, is matched by service and session to the last one at or before the request's
/// <c>retry_options</c> (or its end). Admin overrides are kept in time order. Anything older than
/// the window is dropped, so memory stays constant.
/// </summary>
internal sealed class TraceCorrelator : IDisposable
{
    private static readonly HashSet<string> Wanted = new(StringComparer.Ordinal)
    {
        TraceEventNames.StationSelection, TraceEventNames.RetryOptions, TraceEventNames.AttemptSelect,
        TraceEventNames.ShadowMismatch, TraceEventNames.SelectionExplain, TraceEventNames.ProviderRuntimeOverride,
    };

    // A station selection may precede its request's end by the request's whole duration.
    private readonly long _windowMs;
    private readonly IEnumerator<TraceEvent>? _events;
    private readonly Dictionary<string, TraceFacts> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long TsMs, StationSelection Selection)>> _selections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuntimeOverrides> _overrides = new(StringComparer.Ordinal);
    private TraceEvent? _pending;
    private long _lastPurge;

    public TraceCorrelator(ControlTraceReader? reader, long windowMs, CancellationToken cancellationToken)
    {
        _windowMs = windowMs;
        _events = reader is null ? null : ReadAhead.Of(reader.Read(cancellationToken)).GetEnumerator();
    }

    /// <summary>The events this correlator reads; others are passed over unparsed.</summary>
    public static bool IsWanted(string name) => Wanted.Contains(name);

    public bool HasTrace => _events is not null;

    public RuntimeOverrides OverridesOf(string service)
    {
        if (!_overrides.TryGetValue(service, out var overrides))
        {
            overrides = new RuntimeOverrides();
            _overrides.Add(service, overrides);
        }

        return overrides;
    }

    /// <summary>Reads trace events up to <paramref name="tsMs"/> (inclusive).</summary>
    public void AdvanceTo(long tsMs)
    {
        if (_events is null)
        {
            return;
        }

        while ((_pending ?? (_events.MoveNext() ? _events.Current : null)) is { } next)
        {
            if (next.TsMs > tsMs)
            {
                _pending = next;
                break;
            }

            _pending = null;
            Take(next);
        }

        if (tsMs - _lastPurge > _windowMs / 4)
        {
            Purge(tsMs - _windowMs);
            _lastPurge = tsMs;
        }
    }

    /// <summary>The facts about a request and its station selection; both null when the trace has nothing.</summary>
    public (TraceFacts? Facts, StationSelection? Selection) Lookup(RequestRecord request)
    {
        TraceFacts? facts = null;
        if (request.TraceId is { } traceId && _facts.Remove(traceId, out var found))
        {
            facts = found;
        }

        var anchor = facts?.RetryOptionsTsMs ?? request.TimestampMs;
        StationSelection? selection = null;
        if (_selections.TryGetValue(request.Service, out var list))
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var (ts, candidate) = list[i];
                if (ts > anchor)
                {
                    continue;
                }

                if (ts < request.StartMs - StartSlackMs)
                {
                    break;
                }

                if (candidate.SessionId is null || candidate.SessionId == request.SessionId)
                {
                    selection = candidate;
                    break;
                }
            }
        }

        return (facts, selection);
    }

    public void Dispose() => _events?.Dispose();

    /// <summary>The request's logged start is its end minus its duration; allow for clock rounding.</summary>
    private const long StartSlackMs = 50;

    private void Take(TraceEvent e)
    {
        switch (e.Payload)
        {
            case StationSelection selection when e.Service is { } service:
                if (!_selections.TryGetValue(service, out var list))
                {
                    list = [];
                    _selections.Add(service, list);
                }

                list.Add((e.TsMs, selection));
                break;
            case ProviderRuntimeOverride change when e.Service is { } service:
                OverridesOf(service).Add(e.TsMs, change);
                break;
            case RetryOptions options when Facts(e) is { } facts:
                (facts.RetryOptionsTsMs, facts.Policy) = (e.TsMs, options.Policy.Clamped());
                break;
            case AttemptSelect select when Facts(e) is { } facts:
                NoteModel(facts, select.Model);
                facts.AttemptStarts.Add(e.TsMs);
                break;
            case SelectionExplain explain when Facts(e) is { } facts:
                NoteModel(facts, explain.RequestModel ?? "-");
                break;
            case ShadowMismatch shadow when Facts(e) is { } facts:
                facts.Shadow = shadow;
                NoteModel(facts, shadow.RequestModel ?? "-");
                break;
        }
    }

    private static void NoteModel(TraceFacts facts, string? note)
    {
        if (!facts.HasModel && note is not null)
        {
            (facts.ModelNote, facts.HasModel) = (note, true);
        }
    }

    private TraceFacts? Facts(TraceEvent e)
    {
        if (e.TraceId is not { } traceId)
        {
            return null;
        }

        // A retry_options starts a request: a leftover entry with the same id is from an earlier process.
        if (!_facts.TryGetValue(traceId, out var facts) || e.Payload is RetryOptions)
        {
            facts = new TraceFacts { FirstTsMs = e.TsMs };
            _facts[traceId] = facts;
        }

        return facts;
    }

    private void Purge(long beforeMs)
    {
        foreach (var list in _selections.Values)
        {
            var stale = 0;
            while (stale < list.Count && list[stale].TsMs < beforeMs)
            {
                stale++;
            }

            list.RemoveRange(0, stale);
        }

        foreach (var key in _facts.Where(kv => kv.Value.FirstTsMs < beforeMs).Select(kv => kv.Key).ToList())
        {
            _facts.Remove(key);
        }
    }
}
