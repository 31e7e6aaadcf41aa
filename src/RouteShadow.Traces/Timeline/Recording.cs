using RouteShadow.Core.Engines;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.Timeline;

/// <summary>
/// What one logged request tells about production: the upstreams it tried (same-upstream retries
/// folded into one attempt, model skips kept) and the state changes it made, mapped onto the
/// request's station plan. The rules follow codex-helper 0.15.0's response handling:
/// <list type="bullet">
/// <item>a 2xx is a success (a stream's too: the success is recorded when its headers arrive);</item>
/// <item>an upstream left for the next one — after a status, a transport, body-read or body-size
/// error — is penalised with the logged cooldown (or the plan's <c>transport_cooldown_secs</c>),
/// except for the health-neutral <c>routing_mismatch_capability</c> and target-build errors;</item>
/// <item>a non-2xx returned to the client counts one failure when the retry plan says "never
/// retry", and changes nothing otherwise. Without route attempts its class is unknown, so a
/// returned 400 or 409 is ambiguous: the state of that upstream is then marked unknown.</item>
/// </list>
/// Outcome times: a status row's duration counts from the request's start, so it dates its
/// outcome exactly; a transport row's counts from its own attempt, whose start the trace's
/// <c>attempt_select</c> gives (without a trace, the end of the row before it is used, which is
/// early by any backoff sleep); a body error is dated by the next attempt's start, else the
/// request's end.
/// </summary>
public sealed record Recording(IReadOnlyList<ProductionAttempt> Attempts, IReadOnlyList<Outcome> Outcomes, string? Problem)
{
    private const string HealthNeutralClass = "routing_mismatch_capability";

    /// <summary>The statuses codex-helper's classifier may call <c>client_error_non_retryable</c>.</summary>
    private static readonly int[] ClassifiableClientErrors = [400, 409, 413, 415, 422];

    /// <param name="attemptStarts">When each HTTP attempt started (the trace's <c>attempt_select</c> times, in order); empty without a trace.</param>
    public static Recording Read(RequestRecord request, StationPlan plan, RetryPolicy policy, IReadOnlyList<long> attemptStarts)
    {
        var rows = request.Retry?.Rows ?? [];
        return rows.Count == 0 ? SingleAttempt(request, plan, policy, attemptStarts) : FromRows(request, rows, plan, policy, attemptStarts);
    }

    /// <summary>
    /// A request with no retry rows: one attempt on its final target, or none at all (fail fast, no
    /// route). Its time to first byte counts from the attempt's start, which the trace dates.
    /// </summary>
    private static Recording SingleAttempt(RequestRecord request, StationPlan plan, RetryPolicy policy, IReadOnlyList<long> attemptStarts)
    {
        if (!request.HasFinalTarget)
        {
            return new Recording([], [], null);
        }

        if (Map(plan, request.Service, request.StationName, null, request.ProviderEndpointKey, request.UpstreamBaseUrl) is not { } target)
        {
            return new Recording([], [], $"final target {request.ProviderEndpointKey ?? request.UpstreamBaseUrl} is not in the station plan");
        }

        var attempts = new[] { new ProductionAttempt(target, AttemptDecision.Selected) };
        var status = request.StatusCode;
        Outcome? outcome = status is >= 200 and < 300
            ? At((attemptStarts.Count > 0 ? attemptStarts[0] : request.StartMs) + (request.TtfbMs ?? request.DurationMs), target, OutcomeKind.Success, 0, policy)
            : policy.NeverRetries(status, null)
                ? At(request.TimestampMs, target, OutcomeKind.Failure, 0, policy)
                : ClassifiableClientErrors.Contains(status) && policy.NeverRetries(status, "client_error_non_retryable")
                    ? At(request.TimestampMs, target, OutcomeKind.Ambiguous, 0, policy)
                    : null;
        return new Recording(attempts, outcome is null ? [] : [outcome], null);
    }

    private static Recording FromRows(RequestRecord request, IReadOnlyList<RouteAttempt> rows, StationPlan plan, RetryPolicy policy, IReadOnlyList<long> attemptStarts)
    {
        var targets = new UpstreamRef[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Decision == AttemptDecisions.AllUpstreamsAvoided)
            {
                continue;
            }

            if (Map(plan, request.Service, row.StationName, row.UpstreamIndex, row.ProviderEndpointKey, row.UpstreamBaseUrl) is not { } target)
            {
                return new Recording([], [], $"attempt {i} ({row.ProviderEndpointKey ?? row.StationName + "#" + row.UpstreamIndex}) is not in the station plan");
            }

            targets[i] = target;
        }

        var attempts = new List<ProductionAttempt>();
        var outcomes = new List<Outcome>();
        var clock = new RowClock(request, attemptStarts);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Decision == AttemptDecisions.AllUpstreamsAvoided)
            {
                continue;
            }

            var at = clock.EndOf(row);
            if (row.IsSkip)
            {
                attempts.Add(new ProductionAttempt(targets[i], AttemptDecision.SkippedCapabilityMismatch));
                continue;
            }

            if (!SameAttempt(rows, targets, i - 1, i))
            {
                attempts.Add(new ProductionAttempt(targets[i], AttemptDecision.Selected));
            }

            // Only an attempt's last row decides its outcome: the ones before it were retried on the same upstream.
            if (SameAttempt(rows, targets, i, i + 1))
            {
                continue;
            }

            var returned = request.HasFinalTarget && NoMoreAttempts(rows, i);
            if (Decide(row, returned, policy) is { } kind)
            {
                var secs = row.CooldownSecs is { } logged ? (ulong)logged : policy.TransportCooldownSecs;
                outcomes.Add(At(at, targets[i], kind, secs, policy));
            }
        }

        return new Recording(attempts, outcomes, null);
    }

    /// <summary>True when row <paramref name="next"/> is a same-upstream retry of row <paramref name="previous"/>.</summary>
    private static bool SameAttempt(IReadOnlyList<RouteAttempt> rows, UpstreamRef[] targets, int previous, int next) =>
        previous >= 0 && next < rows.Count
        && !rows[previous].IsSkip && !rows[next].IsSkip
        && rows[next].Decision != AttemptDecisions.AllUpstreamsAvoided
        && targets[previous] == targets[next]
        && (rows[next].UpstreamAttempt ?? 2) > (rows[previous].UpstreamAttempt ?? 1);

    /// <summary>The state change of an attempt's last row; null when there is none.</summary>
    private static OutcomeKind? Decide(RouteAttempt row, bool returned, RetryPolicy policy) => row.Decision switch
    {
        AttemptDecisions.Completed => OutcomeKind.Success,
        AttemptDecisions.FailedStatus when returned =>
            policy.NeverRetries(row.StatusCode ?? 0, row.ErrorClass) && row.ErrorClass != HealthNeutralClass ? OutcomeKind.Failure : null,
        AttemptDecisions.FailedStatus => row.ErrorClass == HealthNeutralClass ? null : OutcomeKind.Penalty,
        AttemptDecisions.FailedTransport or AttemptDecisions.FailedBodyRead or AttemptDecisions.FailedBodyTooLarge => OutcomeKind.Penalty,
        AttemptDecisions.FailedTargetBuild => null,
        _ => OutcomeKind.Ambiguous,
    };

    private static bool NoMoreAttempts(IReadOnlyList<RouteAttempt> rows, int i)
    {
        for (var j = i + 1; j < rows.Count; j++)
        {
            if (!rows[j].IsSkip)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Dates the end of each row in turn (see the type's remarks).</summary>
    private sealed class RowClock(RequestRecord request, IReadOnlyList<long> attemptStarts)
    {
        private long _last = request.StartMs;
        private int _attempt = -1;

        public long EndOf(RouteAttempt row)
        {
            if (!row.IsSkip)
            {
                _attempt++;
            }

            _last = row.Decision switch
            {
                AttemptDecisions.Completed or AttemptDecisions.FailedStatus when row.DurationMs is { } sinceStart => request.StartMs + sinceStart,
                AttemptDecisions.FailedTransport => (Start(_attempt) ?? _last) + (row.DurationMs ?? 0),
                AttemptDecisions.FailedBodyRead or AttemptDecisions.FailedBodyTooLarge => Start(_attempt + 1) ?? request.TimestampMs,
                _ => _last,
            };
            return Math.Min(Math.Max(_last, request.StartMs), request.TimestampMs);
        }

        private long? Start(int attempt) => attempt >= 0 && attempt < attemptStarts.Count ? attemptStarts[attempt] : null;
    }

    private static Outcome At(long atMs, UpstreamRef target, OutcomeKind kind, ulong secs, RetryPolicy policy) =>
        new(atMs, target, kind, secs, policy.Backoff);

    /// <summary>
    /// Finds a logged target in the plan: by station and index when the row has them, else by
    /// provider-endpoint key, else by base URL; the base URL must agree whenever it is logged.
    /// </summary>
    internal static UpstreamRef? Map(StationPlan plan, string service, string? stationName, int? index, string? key, string? baseUrl)
    {
        if (stationName is not null && index is { } idx)
        {
            return plan.Find(stationName) is { } station && idx < station.Upstreams.Count && UrlAgrees(station, idx, baseUrl)
                ? new UpstreamRef(station.Name, idx)
                : null;
        }

        foreach (var station in plan.Stations)
        {
            if (stationName is not null && station.Name != stationName)
            {
                continue;
            }

            for (var i = 0; i < station.Upstreams.Count; i++)
            {
                var matches = key is not null ? KeyEquals(key, service, station.ProviderIdAt(i), station.EndpointIdAt(i)) && UrlAgrees(station, i, baseUrl)
                    : baseUrl is not null && station.Upstreams[i].BaseUrl == baseUrl;
                if (matches)
                {
                    return new UpstreamRef(station.Name, i);
                }
            }
        }

        return null;
    }

    private static bool UrlAgrees(Core.World.Station station, int index, string? baseUrl) =>
        baseUrl is null or RequestRecord.NoTarget || station.Upstreams[index].BaseUrl == baseUrl;

    /// <summary><c>key == service + "/" + provider + "/" + endpoint</c>, without building the string.</summary>
    private static bool KeyEquals(string key, string service, string provider, string endpoint) =>
        key.Length == service.Length + provider.Length + endpoint.Length + 2
        && key.AsSpan(0, service.Length).SequenceEqual(service)
        && key[service.Length] == '/'
        && key.AsSpan(service.Length + 1, provider.Length).SequenceEqual(provider)
        && key[service.Length + 1 + provider.Length] == '/'
        && key.AsSpan(service.Length + provider.Length + 2).SequenceEqual(endpoint);
}
