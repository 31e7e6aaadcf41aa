using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Core.World;
using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.Synth;

/// <summary>One simulated request while it runs: its attempt rows, the trace events it will log, and how it ended.</summary>
internal sealed class SimulatedRequest(long id, long startMs, string model, bool stream, string session)
{
    public long Id { get; } = id;

    public long StartMs { get; } = startMs;

    public string Model { get; } = model;

    public bool Stream { get; } = stream;

    public string Session { get; } = session;

    public string TraceId => "codex-" + Id.ToString(CultureInfo.InvariantCulture);

    public List<RouteAttempt> Rows { get; } = [];

    public SimulatedEvents Events { get; } = new();

    /// <summary>The response returned to the client from an upstream (paths A and B); null when every candidate failed (path C).</summary>
    public (Station Station, ShadowAttempt Attempt, int Status, long HeadersMs)? Final { get; set; }

    /// <summary>The status of the last provider-retryable failure, which an exhausted request returns.</summary>
    public int? LastStatus { get; set; }

    public long EndMs { get; set; }

    /// <summary>The request's line: path A or B with its final target, or path C; <c>retry</c> when the format writes it.</summary>
    public RequestRecord ToRecord(SeededRandom random)
    {
        var retry = Final is not null ? Rows.Count >= 2 : Rows.Count >= 1;
        var record = new RequestRecord
        {
            TimestampMs = EndMs,
            RequestId = Id,
            TraceId = TraceId,
            Service = "codex",
            Method = "POST",
            Path = "/v1/responses",
            StatusCode = Final?.Status ?? LastStatus ?? 502,
            DurationMs = EndMs - StartMs,
            SessionId = Session,
            ReasoningEffort = "medium",
            Retry = retry ? new RetryInfo(Rows.Count, [.. Rows.Select(r => r.Raw)], Rows) : null,
        };
        if (Final is not { } final)
        {
            return record;
        }

        var (station, attempt, status, headers) = final;
        var input = random.Between(2_000, 60_000);
        var output = random.Between(100, 4_000);
        return record with
        {
            TtfbMs = Stream && status == 200 ? headers + 30 : headers,
            StationName = station.Name,
            ProviderId = station.Upstreams[attempt.UpstreamIndex].ProviderIdTag,
            EndpointId = station.EndpointIdAt(attempt.UpstreamIndex),
            ProviderEndpointKey = $"codex/{station.ProviderIdAt(attempt.UpstreamIndex)}/{station.EndpointIdAt(attempt.UpstreamIndex)}",
            UpstreamBaseUrl = attempt.UpstreamBaseUrl,
            Usage = status == 200
                ? new UsageMetrics { InputTokens = input, OutputTokens = output, ReasoningTokens = output / 3, TotalTokens = input + output, CachedInputTokens = input / 2 }
                : null,
        };
    }
}

/// <summary>The control-trace events of one request, gathered while it runs and written when it is emitted.</summary>
internal sealed class SimulatedEvents
{
    public long RetryOptionsAtMs { get; private set; }

    public List<(long AtMs, ShadowAttempt Attempt, int ProviderAttempt, int UpstreamAttempt, string ModelNote)> Selects { get; } = [];

    public List<(long AtMs, Station Station, IReadOnlyList<int> Avoided)> Failovers { get; } = [];

    public void RetryOptionsAt(long atMs) => RetryOptionsAtMs = atMs;

    public void Select(long atMs, ShadowAttempt attempt, int providerAttempt, int upstreamAttempt, string note) =>
        Selects.Add((atMs, attempt, providerAttempt, upstreamAttempt, note));

    public void Failover(long atMs, Station station, IReadOnlyList<int> avoided) => Failovers.Add((atMs, station, avoided));
}
