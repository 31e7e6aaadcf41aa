using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Replay;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// Turns a replayed mismatch into a scenario <c>routeshadow reproduce</c> plays over HTTP: the
/// minimal fixture's stations and state, each upstream answering the way production's attempts on
/// it were logged (the formats spec's WireMock recipes, §9.2), the request's retry plan and its
/// method and path. An upstream production never reached answers 200, so whichever engine goes
/// elsewhere than production did shows it in the requests each upstream receives.
/// </summary>
internal static class ReproductionScenario
{
    /// <summary>A challenge page as codex-helper's classifier recognises it.</summary>
    private const string ChallengePage = """<html><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></html>""";

    public static Scenario From(Scenario fixture, RequestResult result)
    {
        var answers = AnswersByUpstream(result);
        var stations = fixture.Stations.Select(s => s with
        {
            Behaviors = [.. Enumerable.Range(0, s.Station.Upstreams.Count)
                .Select(i => answers.TryGetValue(new UpstreamRef(s.Station.Name, i), out var given) ? given : (IReadOnlyList<UpstreamResponse>)[])],
        });
        var record = result.Request;
        var queryAt = record.Path.IndexOf('?', StringComparison.Ordinal);
        var http = HttpRequestSpec.Default with
        {
            Method = record.Method.Length > 0 ? record.Method : HttpRequestSpec.Default.Method,

            // The query is left out: it is the client's, and may carry a key.
            Path = record.Path.StartsWith('/') ? queryAt < 0 ? record.Path : record.Path[..queryAt] : HttpRequestSpec.Default.Path,
            Body = fixture.Request.Model is { } model ? $$"""{"model":{{System.Text.Json.JsonSerializer.Serialize(model)}}}""" : "{}",
        };
        return fixture with
        {
            Name = "reproduce " + fixture.Name,
            Request = fixture.Request with { Http = http },
            Stations = [.. stations],
            Retry = result.Policy is { } policy ? Settings(policy) : null,
        };
    }

    /// <summary>Per upstream, the answers production got from it, in the order it got them.</summary>
    private static Dictionary<UpstreamRef, List<UpstreamResponse>> AnswersByUpstream(RequestResult result)
    {
        var answers = new Dictionary<UpstreamRef, List<UpstreamResponse>>();
        var record = result.Request;
        var plan = result.Plan!;
        void Add(UpstreamRef? target, UpstreamResponse answer)
        {
            if (target is { } at)
            {
                (answers.TryGetValue(at, out var list) ? list : answers[at] = []).Add(answer);
            }
        }

        var rows = record.Retry?.Rows ?? [];
        if (rows.Count == 0 && record.HasFinalTarget)
        {
            Add(Recording.Map(plan, record.Service, record.StationName, null, record.ProviderEndpointKey, record.UpstreamBaseUrl), Status(record.StatusCode, null));
        }

        foreach (var row in rows.Where(r => !r.IsSkip))
        {
            Add(Recording.Map(plan, record.Service, row.StationName, row.UpstreamIndex, row.ProviderEndpointKey, row.UpstreamBaseUrl), Answer(row));
        }

        return answers;
    }

    private static UpstreamResponse Answer(RouteAttempt row) => row.Decision switch
    {
        AttemptDecisions.FailedTransport => UpstreamResponse.Default with { Fault = UpstreamFault.EmptyResponse },

        // A body over the size limit is not worth megabytes of fixture: the nearest fault is a body cut off.
        AttemptDecisions.FailedBodyRead or AttemptDecisions.FailedBodyTooLarge =>
            UpstreamResponse.Default with { Status = row.StatusCode ?? 200, Fault = UpstreamFault.ConnectionReset },
        _ => Status(row.StatusCode ?? 200, row.ErrorClass),
    };

    /// <summary>A status answer that codex-helper's classifier puts in <paramref name="errorClass"/>.</summary>
    private static UpstreamResponse Status(int status, string? errorClass) => errorClass switch
    {
        "cloudflare_timeout" => Answer(status, "{}", ("cf-ray", "0000000000000000-REP")),
        "cloudflare_challenge" => Answer(status, ChallengePage, ("content-type", "text/html")),
        "routing_mismatch_capability" =>
            Answer(status, """{"error":{"message":"The model does not exist or you do not have access to it"}}""", ("content-type", "application/json")),
        "client_error_non_retryable" =>
            Answer(status, """{"error":{"type":"invalid_request_error","message":"rejected as logged"}}""", ("content-type", "application/json")),
        _ => Answer(status, "{}"),
    };

    private static UpstreamResponse Answer(int status, string body, params (string Name, string Value)[] headers) =>
        UpstreamResponse.Default with { Status = status, Body = body, Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal) };

    /// <summary>The retry plan as a scenario's retry block (jitter is not part of it).</summary>
    private static RetrySettings Settings(RetryPolicy policy) => new(
        Layer(policy.Upstream),
        Layer(policy.Provider),
        policy.AllowCrossStationBeforeFirstOutput,
        Ranges(policy.NeverOnStatus),
        policy.NeverOnClass,
        policy.TransportCooldownSecs,
        policy.CooldownBackoffFactor,
        policy.CooldownBackoffMaxSecs);

    private static Core.Scenarios.Reproduction.RetryLayer Layer(Config.RetryLayer layer) =>
        new(layer.MaxAttempts, layer.BackoffMs, layer.BackoffMaxMs, Ranges(layer.OnStatus), layer.OnClass, layer.Strategy);

    private static string Ranges(IReadOnlyList<StatusRange> ranges) =>
        string.Join(",", ranges.Select(r => r.Low == r.High ? $"{r.Low}" : $"{r.Low}-{r.High}"));
}
