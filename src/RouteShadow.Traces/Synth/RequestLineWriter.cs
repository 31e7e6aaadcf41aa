using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.Synth;

/// <summary>
/// Writes request records in codex-helper 0.15.0's <c>requests.jsonl</c> form: its key order,
/// absent keys omitted, empty avoid lists and zero optional counters left out.
/// </summary>
internal static class RequestLineWriter
{
    public static JsonObjectBuilder Build(RequestRecord r)
    {
        var o = new JsonObjectBuilder()
            .Number("timestamp_ms", r.TimestampMs).Number("request_id", r.RequestId).String("trace_id", r.TraceId)
            .String("service", r.Service).String("method", r.Method).String("path", r.Path)
            .Number("status_code", r.StatusCode).Number("duration_ms", r.DurationMs).Number("ttfb_ms", r.TtfbMs)
            .String("station_name", r.StationName).String("provider_id", r.ProviderId).String("endpoint_id", r.EndpointId)
            .String("provider_endpoint_key", r.ProviderEndpointKey).String("upstream_base_url", r.UpstreamBaseUrl)
            .String("session_id", r.SessionId).String("cwd", r.Cwd).String("reasoning_effort", r.ReasoningEffort);
        if (r.Usage is { } u)
        {
            o.Object("usage", new JsonObjectBuilder()
                .Number("input_tokens", u.InputTokens).Number("output_tokens", u.OutputTokens)
                .Number("reasoning_tokens", u.ReasoningTokens).Number("total_tokens", u.TotalTokens)
                .Number("cached_input_tokens", u.CachedInputTokens == 0 ? null : u.CachedInputTokens), sorted: false);
        }

        if (r.Retry is { } retry)
        {
            var rows = retry.RouteAttempts;
            o.Object("retry", new JsonObjectBuilder()
                .Number("attempts", retry.ObservedAttempts)
                .Strings("upstream_chain", retry.UpstreamChain)
                .Add("route_attempts", w =>
                {
                    w.WriteStartArray();
                    foreach (var row in rows)
                    {
                        Attempt(row).Write(w, sorted: false);
                    }

                    w.WriteEndArray();
                }), sorted: false);
        }

        return o;
    }

    private static JsonObjectBuilder Attempt(RouteAttempt a)
    {
        var o = new JsonObjectBuilder()
            .Number("attempt_index", a.AttemptIndex).String("provider_id", a.ProviderId).String("endpoint_id", a.EndpointId)
            .String("provider_endpoint_key", a.ProviderEndpointKey).Number("preference_group", a.PreferenceGroup);
        if (a.RoutePath.Count > 0)
        {
            o.Strings("route_path", a.RoutePath);
        }

        o.Number("provider_attempt", a.ProviderAttempt).Number("upstream_attempt", a.UpstreamAttempt)
            .Number("provider_max_attempts", a.ProviderMaxAttempts).Number("upstream_max_attempts", a.UpstreamMaxAttempts)
            .String("station_name", a.StationName).String("upstream_base_url", a.UpstreamBaseUrl).Number("upstream_index", a.UpstreamIndex);
        if (a.AvoidForStation.Count > 0)
        {
            o.Numbers("avoid_for_station", a.AvoidForStation);
        }

        o.Number("avoided_total", a.AvoidedTotal).Number("total_upstreams", a.TotalUpstreams).String("decision", a.Decision)
            .String("reason", a.Reason).Number("status_code", a.StatusCode).String("error_class", a.ErrorClass).String("model", a.Model)
            .Number("upstream_headers_ms", a.UpstreamHeadersMs).Number("duration_ms", a.DurationMs).Number("cooldown_secs", a.CooldownSecs)
            .String("cooldown_reason", a.CooldownReason);
        if (a.Skipped)
        {
            o.Bool("skipped", true);
        }

        return o.String("raw", a.Raw);
    }
}
