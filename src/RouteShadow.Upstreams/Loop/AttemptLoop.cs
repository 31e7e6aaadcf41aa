using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Upstreams.Retry;

namespace RouteShadow.Upstreams.Loop;

/// <summary>
/// codex-helper's request loop for legacy stations (formats spec §5.3–§5.9), over real HTTP. The
/// engine's plan gives the order of targets; the loop walks it station by station, runs the
/// two-layer retry on each target and applies the health updates to the load-balancer state.
/// </summary>
/// <remarks>
/// Walking the plan made at request start is faithful because a failed target is avoided for the
/// rest of the request, and the health updates touch only the target just tried.
/// </remarks>
internal sealed class AttemptLoop(HttpClient http, RetryPlan plan, Waits waits, TimeSpan attemptTimeout)
{
    /// <summary>The fault of an attempt that ran out of time: reqwest's <c>timeout</c> flag.</summary>
    private const string TimeoutFault = "timeout";

    private readonly List<AttemptRecord> _attempts = [];
    private ClientResponse? _lastError;
    private long _nominalWaitMs;

    public IReadOnlyList<AttemptRecord> Attempts => _attempts;

    public long NominalWaitMs => _nominalWaitMs;

    /// <summary>Runs one request; <paramref name="states"/> is changed by the health updates.</summary>
    public async Task<ClientResponse> RunAsync(
        RoutingQuestion question, IReadOnlyList<ShadowAttempt> attemptPlan, LbStateMap states, HttpRequestSpec request,
        Func<string, Uri> serverFor, CancellationToken cancellationToken)
    {
        var stations = question.Stations;
        var cross = stations.Count > 1 && plan.AllowCrossStationBeforeFirstOutput && plan.Provider.Strategy == "failover";
        var stationLimit = Math.Min(cross ? plan.Provider.MaxAttempts : 1, stations.Count);
        for (var p = 0; p < stationLimit; p++)
        {
            var balancer = new LoadBalancer(stations[p], states);
            foreach (var attempt in attemptPlan.Where(a => a.Decision == AttemptDecision.Selected && a.StationName == stations[p].Name))
            {
                if (await AttemptTargetAsync(new Target(attempt, balancer, p), request, serverFor, cancellationToken).ConfigureAwait(false) is { } response)
                {
                    return response;
                }
            }

            if (p + 1 < stationLimit)
            {
                await WaitAsync(Backoff.Delay(plan.Provider, p), cancellationToken).ConfigureAwait(false);
            }
        }

        return _lastError ?? new ClientResponse(502, "no upstreams available");
    }

    private sealed record Target(ShadowAttempt Attempt, LoadBalancer Balancer, int ProviderAttempt);

    /// <summary>The two-layer inner loop on one target: the client's response, or null to move on.</summary>
    private async Task<ClientResponse?> AttemptTargetAsync(
        Target target, HttpRequestSpec request, Func<string, Uri> serverFor, CancellationToken cancellationToken)
    {
        var baseUrl = target.Attempt.UpstreamBaseUrl;
        if (TargetUrl.Build(baseUrl, serverFor(baseUrl), request.Path) is not { } url)
        {
            // A target-build error moves on without any health update.
            _lastError = new ClientResponse(502, $"invalid base_url '{baseUrl}'");
            return null;
        }

        for (var u = 0; u < plan.Upstream.MaxAttempts; u++)
        {
            var canRetryTransport = u + 1 < plan.Upstream.MaxAttempts && plan.Upstream.OnClass.Contains(ErrorClasses.UpstreamTransportError);
            using var deadline = new AttemptDeadline(attemptTimeout, waits.Clock, cancellationToken);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(ClientRequest.Build(request, url), HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || deadline.Expired(ex))
            {
                var fault = deadline.Expired(ex) ? TimeoutFault : "transport";
                if (await FailedOnWireAsync(target, u, null, fault, ErrorClasses.UpstreamTransportError, canRetryTransport, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                return null;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (request.Stream && response.IsSuccessStatusCode)
                {
                    return await StreamAsync(target, u, response, deadline).ConfigureAwait(false);
                }

                string body;
                try
                {
                    body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException || deadline.Expired(ex))
                {
                    // A body read error is retried like a transport error, under the same class gate.
                    var fault = deadline.Expired(ex) ? TimeoutFault : "body_read";
                    if (await FailedOnWireAsync(target, u, status, fault, ErrorClasses.UpstreamBodyReadError, canRetryTransport, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    return null;
                }

                var (outcome, client) = await DecideAsync(target, u, status, response, body, cancellationToken).ConfigureAwait(false);
                if (outcome != AttemptOutcome.RetrySameUpstream)
                {
                    return client;
                }
            }
        }

        return null;
    }

    /// <summary>A send or body-read failure: true to retry the same upstream, false once it is given up (and penalized).</summary>
    private async Task<bool> FailedOnWireAsync(
        Target target, int u, int? status, string fault, string errorClass, bool canRetry, CancellationToken cancellationToken)
    {
        var wait = canRetry ? Backoff.Delay(plan.Upstream, u) : 0;
        Record(target, u, status, fault, errorClass, canRetry ? AttemptOutcome.RetrySameUpstream : AttemptOutcome.NextTarget, wait);
        if (canRetry)
        {
            await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            return true;
        }

        Penalize(target);
        _lastError = new ClientResponse(502, errorClass);
        return false;
    }

    /// <summary>The response decision table (§5.5), first matching row wins.</summary>
    private async Task<(AttemptOutcome, ClientResponse?)> DecideAsync(
        Target target, int u, int status, HttpResponseMessage response, string body, CancellationToken cancellationToken)
    {
        var errorClass = ResponseClassifier.Classify(status, name => Header(response, name), body);
        var healthNeutral = errorClass == ErrorClasses.RoutingMismatchCapability;
        var client = new ClientResponse(status, body);
        if (status is >= 200 and < 300)
        {
            RecordResult(target, success: true);
            Record(target, u, status, null, errorClass, AttemptOutcome.Success, 0);
            return (AttemptOutcome.Success, client);
        }

        if (plan.NeverRetries(status, errorClass))
        {
            if (!healthNeutral)
            {
                RecordResult(target, success: false);
            }

            Record(target, u, status, null, errorClass, AttemptOutcome.NeverRetry, 0);
            return (AttemptOutcome.NeverRetry, client);
        }

        if (plan.Upstream.Retries(status, errorClass) && u + 1 < plan.Upstream.MaxAttempts)
        {
            var wait = Backoff.BeforeSameUpstreamRetry(plan.Upstream, u, Header(response, "retry-after"));
            Record(target, u, status, null, errorClass, AttemptOutcome.RetrySameUpstream, wait);
            await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            return (AttemptOutcome.RetrySameUpstream, null);
        }

        if (plan.Provider.Retries(status, errorClass))
        {
            if (!healthNeutral)
            {
                Penalize(target);
            }

            Record(target, u, status, null, errorClass, AttemptOutcome.NextTarget, 0);
            _lastError = client;
            return (AttemptOutcome.NextTarget, null);
        }

        Record(target, u, status, null, errorClass, AttemptOutcome.ReturnedAsIs, 0);
        return (AttemptOutcome.ReturnedAsIs, client);
    }

    /// <summary>The stream path: committed at the 2xx headers, so a later break is a failure with no retry.</summary>
    private async Task<ClientResponse> StreamAsync(Target target, int u, HttpResponseMessage response, AttemptDeadline deadline)
    {
        var status = (int)response.StatusCode;
        RecordResult(target, success: true);
        try
        {
            var body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            RecordResult(target, success: true);
            Record(target, u, status, null, null, AttemptOutcome.StreamCompleted, 0);
            return new ClientResponse(status, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || deadline.Expired(ex))
        {
            RecordResult(target, success: false);
            Penalize(target);
            Record(target, u, status, deadline.Expired(ex) ? TimeoutFault : "stream", ErrorClasses.UpstreamStreamError, AttemptOutcome.StreamFailed, 0);
            return new ClientResponse(status, string.Empty);
        }
    }

    private void RecordResult(Target target, bool success) =>
        target.Balancer.RecordResult(target.Attempt.UpstreamIndex, success, LoadBalancerConstants.CooldownSecs, plan.CooldownBackoff, NowMs());

    private void Penalize(Target target) =>
        target.Balancer.Penalize(target.Attempt.UpstreamIndex, plan.TransportCooldownSecs, plan.CooldownBackoff, NowMs());

    private long NowMs() => waits.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void Record(Target target, int u, int? status, string? fault, string? errorClass, AttemptOutcome outcome, long waitMs) =>
        _attempts.Add(new AttemptRecord(
            target.Attempt.StationName, target.Attempt.UpstreamIndex, target.Attempt.UpstreamBaseUrl,
            target.ProviderAttempt + 1, u + 1, status, fault, errorClass, outcome, waitMs));

    private Task WaitAsync(long nominalMs, CancellationToken cancellationToken)
    {
        _nominalWaitMs += nominalMs;
        return waits.WaitAsync(nominalMs, cancellationToken);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
