using RouteShadow.Core.World;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.ControlTrace;
using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.Synth;

/// <summary>
/// Writes a simulated request's control-trace entries in codex-helper 0.15.0's envelope: typed
/// envelope and <c>detail</c> in struct order, payloads with sorted keys.
/// </summary>
internal static class TraceLines
{
    public static void Selection(OrderedLines trace, SimulatedRequest request, IReadOnlyList<Station> plan, ServiceRouting routing)
    {
        var multiLevel = plan.Select(s => routing.Find(s.Name)!.Level).Distinct().Count() > 1;
        var mode = multiLevel ? "multi_level" : "single_level_multi";
        var details = plan.Select(s => StationJson(s, routing)).ToList();
        var payload = Base(TraceEventNames.StationSelection, request.StartMs + 1, null)
            .String("mode", mode)
            .NullableString("active_station", routing.ActiveStationName())
            .String("session_id", request.Session)
            .Number("eligible_count", plan.Count);
        if (multiLevel)
        {
            payload.Add("eligible_stations", w => Array(w, plan.Select(s => new JsonObjectBuilder()
                    .String("name", s.Name).Number("level", routing.Find(s.Name)!.Level).Number("upstreams", s.Upstreams.Count))))
                .Add("selected_details", w => Array(w, details));
        }
        else
        {
            payload.Strings("selected_stations", plan.Select(s => s.Name))
                .Strings("eligible_stations", plan.Select(s => s.Name))
                .Add("eligible_details", w => Array(w, details));
        }

        var detail = Detail("load_balancer_selection")
            .NullableString("mode", mode).NullableString("pinned_source", null).NullableString("pinned_name", null)
            .NullableString("selected_station", null).Strings("selected_stations", plan.Select(s => s.Name))
            .NullableString("active_station", routing.ActiveStationName()).NullableString("note", null);
        trace.Add(request.StartMs + 1, Envelope(request.StartMs + 1, null, TraceEventNames.StationSelection, detail, payload), sorted: false);
    }

    public static void Events(OrderedLines trace, SimulatedRequest request, RetryPolicy policy)
    {
        var at = request.Events.RetryOptionsAtMs;
        var options = Base(TraceEventNames.RetryOptions, at, request)
            .Object("upstream", Layer(policy.Upstream), sorted: true)
            .Object("provider", Layer(policy.Provider), sorted: true)
            .Add("never_status_ranges", w => Ranges(w, policy.NeverOnStatus))
            .Strings("never_error_classes", policy.NeverOnClass)
            .Number("cloudflare_challenge_cooldown_secs", (long)policy.CloudflareChallengeCooldownSecs)
            .Number("cloudflare_timeout_cooldown_secs", (long)policy.CloudflareTimeoutCooldownSecs)
            .Number("transport_cooldown_secs", (long)policy.TransportCooldownSecs)
            .Number("cooldown_backoff_factor", (long)policy.CooldownBackoffFactor)
            .Number("cooldown_backoff_max_secs", (long)policy.CooldownBackoffMaxSecs)
            .Bool("allow_cross_station_before_first_output", policy.AllowCrossStationBeforeFirstOutput);
        var optionsDetail = Detail("retry_options").Number("upstream_max_attempts", policy.Upstream.MaxAttempts)
            .Number("provider_max_attempts", policy.Provider.MaxAttempts).Bool("allow_cross_station_before_first_output", policy.AllowCrossStationBeforeFirstOutput);
        trace.Add(at, Envelope(at, request, TraceEventNames.RetryOptions, optionsDetail, options), sorted: false);

        var number = 0;
        foreach (var (selectAt, attempt, providerAttempt, upstreamAttempt, note) in request.Events.Selects)
        {
            var key = request.Rows.First(r => r.UpstreamIndex == attempt.UpstreamIndex && r.StationName == attempt.StationName).ProviderEndpointKey;
            var payload = Base(TraceEventNames.AttemptSelect, selectAt, request)
                .Number("attempt", ++number).Number("provider_attempt", providerAttempt).Number("upstream_attempt", upstreamAttempt)
                .Number("provider_max_attempts", policy.Provider.MaxAttempts).Number("upstream_max_attempts", policy.Upstream.MaxAttempts)
                .String("upstream_base_url", attempt.UpstreamBaseUrl).NullableString("provider_id", attempt.ProviderId)
                .String("endpoint_id", attempt.EndpointId).NullableString("provider_endpoint_key", key).Number("preference_group", 0)
                .Object("compatibility", new JsonObjectBuilder().String("station_name", attempt.StationName).Number("upstream_index", attempt.UpstreamIndex), sorted: true)
                .Numbers("avoid_for_station", attempt.AvoidForStation).Numbers("avoided_candidate_indices", [])
                .Number("avoided_total", attempt.AvoidedTotal).Number("total_upstreams", attempt.TotalUpstreams).String("model", note);
            var detail = Detail("attempt_select").NullableString("station_name", attempt.StationName).Number("upstream_index", attempt.UpstreamIndex)
                .String("upstream_base_url", attempt.UpstreamBaseUrl).NullableString("provider_id", attempt.ProviderId)
                .NullableString("endpoint_id", attempt.EndpointId).NullableString("provider_endpoint_key", key).Number("preference_group", 0)
                .NullableString("model", note);
            trace.Add(selectAt, Envelope(selectAt, request, TraceEventNames.AttemptSelect, detail, payload), sorted: false);
        }

        foreach (var (failoverAt, station, avoided) in request.Events.Failovers)
        {
            var exhausted = avoided.Count >= station.Upstreams.Count;
            var name = exhausted ? TraceEventNames.SameStationExhausted : TraceEventNames.SameStationFailover;
            var payload = Base(name, failoverAt, request).String("station_name", station.Name).Number("upstream_total", station.Upstreams.Count)
                .Numbers("avoided_indices", avoided)
                .String("next_action", exhausted ? "consider_next_station" : "retry_another_upstream_within_station");
            var detail = Detail("retry_event").String("event_name", name).String("station_name", station.Name)
                .NullableString("upstream_base_url", null).NullableString("mode", null).NullableString("note", null);
            trace.Add(failoverAt, Envelope(failoverAt, request, name, detail, payload), sorted: false);
        }
    }

    public static void Completed(OrderedLines trace, RequestRecord record)
    {
        var detail = Detail("request_completed").String("method", record.Method).String("path", record.Path)
            .Number("status_code", record.StatusCode).Number("duration_ms", record.DurationMs).NullableString("station_name", record.StationName)
            .NullableString("provider_id", record.ProviderId).String("upstream_base_url", record.UpstreamBaseUrl)
            .Object("service_tier", new JsonObjectBuilder(), sorted: false);
        var envelope = new JsonObjectBuilder()
            .Number("ts_ms", record.TimestampMs).String("kind", TraceEventNames.RequestCompletedKind).String("service", record.Service)
            .Number("request_id", record.RequestId).String("trace_id", record.TraceId).String("event", TraceEventNames.RequestCompleted)
            .Object("detail", detail, sorted: false)
            .Add("payload", w => RequestLineWriter.Build(record).Write(w, sorted: true));
        trace.Add(record.TimestampMs, envelope, sorted: false);
    }

    private static JsonObjectBuilder Base(string name, long atMs, SimulatedRequest? request)
    {
        var payload = new JsonObjectBuilder().String("event", name).String("service", "codex").Number("ts_ms", atMs);
        return request is null ? payload : payload.Number("request_id", request.Id);
    }

    private static JsonObjectBuilder Detail(string type) => new JsonObjectBuilder().String("type", type);

    /// <summary>The envelope: payload keys are sorted when written, envelope and detail keep their order.</summary>
    private static JsonObjectBuilder Envelope(long atMs, SimulatedRequest? request, string name, JsonObjectBuilder detail, JsonObjectBuilder payload) =>
        new JsonObjectBuilder()
            .Number("ts_ms", atMs).String("kind", TraceEventNames.RetryTraceKind).String("service", "codex")
            .Number("request_id", request?.Id).String("trace_id", request?.TraceId).String("event", name)
            .Object("detail", detail, sorted: false)
            .Object("payload", payload, sorted: true);

    private static JsonObjectBuilder StationJson(Station station, ServiceRouting routing) => new JsonObjectBuilder()
        .Object("balance", new JsonObjectBuilder().Number("error", 0).Number("exhausted", 0).Number("ok", 0).Number("routing_exhausted", 0)
            .Number("routing_ignored_exhausted", 0).Number("routing_snapshots", 0).Number("snapshots", 0).Number("stale", 0).Number("unknown", 0), sorted: true)
        .String("balance_state", "unknown").Bool("enabled", routing.Find(station.Name)!.Enabled).Number("level", routing.Find(station.Name)!.Level)
        .String("name", station.Name).String("runtime_state", "normal").Number("upstreams", station.Upstreams.Count);

    private static JsonObjectBuilder Layer(RetryLayer layer) => new JsonObjectBuilder()
        .Number("max_attempts", layer.MaxAttempts).Number("base_backoff_ms", layer.BackoffMs).Number("max_backoff_ms", layer.BackoffMaxMs)
        .Number("jitter_ms", layer.JitterMs).Add("retry_status_ranges", w => Ranges(w, layer.OnStatus))
        .Strings("retry_error_classes", layer.OnClass).String("strategy", layer.Strategy);

    private static void Ranges(System.Text.Json.Utf8JsonWriter w, IEnumerable<StatusRange> ranges)
    {
        w.WriteStartArray();
        foreach (var range in ranges)
        {
            w.WriteStartArray();
            w.WriteNumberValue(range.Low);
            w.WriteNumberValue(range.High);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void Array(System.Text.Json.Utf8JsonWriter w, IEnumerable<JsonObjectBuilder> items)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            item.Write(w, sorted: true);
        }

        w.WriteEndArray();
    }
}
