using RouteShadow.Traces.Input;
using RouteShadow.Traces.Secrets;

namespace RouteShadow.Traces.Requests;

/// <summary>
/// Parses one <c>requests.jsonl</c> object, by key and in one pass. Free text that can carry a
/// credential (base URLs, error reasons, chain entries) is redacted as it is read. Also parses the
/// request record that a control trace's <c>request_completed</c> event carries as its payload.
/// </summary>
internal static class RequestLineParser
{
    public static RequestRecord Parse(ReadOnlySpan<byte> line)
    {
        var json = new JsonFields(line);
        var record = Read(ref json, "$");
        json.ReadToEnd();
        return record;
    }

    /// <summary>Reads the request object the reader is on.</summary>
    public static RequestRecord Read(ref JsonFields f, string objectPath)
    {
        long? timestamp = null, requestId = null, duration = null, ttfb = null;
        int? status = null;
        string? service = null, traceId = null, method = null, path = null, station = null, providerId = null, endpointId = null;
        string? key = null, baseUrl = null, session = null, cwd = null, effort = null, model = null;
        ServiceTierLog? tier = null;
        UsageMetrics? usage = null;
        HttpDebugRef? debugRef = null;
        RetryInfo? retry = null;
        var hadDebug = false;

        var outer = f.EnterObject(objectPath);
        while (f.NextField(outer))
        {
            if (f.Is("timestamp_ms"u8)) timestamp = f.UInt("timestamp_ms");
            else if (f.Is("request_id"u8)) requestId = f.NullableUInt("request_id");
            else if (f.Is("trace_id"u8)) traceId = f.NullableString("trace_id");
            else if (f.Is("service"u8)) service = f.String("service");
            else if (f.Is("method"u8)) method = f.String("method");
            else if (f.Is("path"u8)) path = f.String("path");
            else if (f.Is("status_code"u8)) status = checked((int)f.UInt("status_code"));
            else if (f.Is("duration_ms"u8)) duration = f.UInt("duration_ms");
            else if (f.Is("ttfb_ms"u8)) ttfb = f.NullableUInt("ttfb_ms");
            else if (f.Is("station_name"u8)) station = f.NullableString("station_name");
            else if (f.Is("provider_id"u8)) providerId = f.NullableString("provider_id");
            else if (f.Is("endpoint_id"u8)) endpointId = f.NullableString("endpoint_id");
            else if (f.Is("provider_endpoint_key"u8)) key = f.NullableString("provider_endpoint_key");
            else if (f.Is("upstream_base_url"u8)) baseUrl = Redactor.Redact(f.String("upstream_base_url"));
            else if (f.Is("session_id"u8)) session = f.NullableString("session_id");
            else if (f.Is("cwd"u8)) cwd = f.NullableString("cwd");
            else if (f.Is("reasoning_effort"u8)) effort = f.NullableString("reasoning_effort");
            else if (f.Is("model"u8)) model = f.NullableString("model");
            else if (f.Is("service_tier"u8)) tier = f.IsNull ? null : ReadTier(ref f);
            else if (f.Is("usage"u8)) usage = f.IsNull ? null : ReadUsage(ref f);
            else if (f.Is("http_debug"u8))
            {
                hadDebug = !f.IsNull;
                f.SkipCurrent();
            }
            else if (f.Is("http_debug_ref"u8)) debugRef = f.IsNull ? null : ReadDebugRef(ref f);
            else if (f.Is("retry"u8)) retry = f.IsNull ? null : ReadRetry(ref f);
            else f.SkipValue();
        }

        return new RequestRecord
        {
            TimestampMs = timestamp ?? throw f.Missing("timestamp_ms"),
            RequestId = requestId,
            TraceId = traceId,
            Service = service ?? throw f.Missing("service"),
            Method = method ?? "",
            Path = path ?? "",
            StatusCode = status ?? throw f.Missing("status_code"),
            DurationMs = duration ?? throw f.Missing("duration_ms"),
            TtfbMs = ttfb,
            StationName = station,
            ProviderId = providerId,
            EndpointId = endpointId,
            ProviderEndpointKey = key,
            UpstreamBaseUrl = baseUrl ?? RequestRecord.NoTarget,
            SessionId = session,
            Cwd = cwd,
            ReasoningEffort = effort,
            ServiceTier = tier,
            Usage = usage,
            HadHttpDebug = hadDebug,
            HttpDebugRef = debugRef,
            Retry = retry,
            Model = model,
        };
    }

    private static ServiceTierLog ReadTier(ref JsonFields f)
    {
        string? requested = null, effective = null, actual = null;
        var outer = f.EnterObject(f.Path + ".service_tier");
        while (f.NextField(outer))
        {
            if (f.Is("requested"u8)) requested = f.NullableString("requested");
            else if (f.Is("effective"u8)) effective = f.NullableString("effective");
            else if (f.Is("actual"u8)) actual = f.NullableString("actual");
            else f.SkipValue();
        }

        return new ServiceTierLog(requested, effective, actual);
    }

    private static UsageMetrics ReadUsage(ref JsonFields f)
    {
        var u = new UsageMetrics();
        var outer = f.EnterObject(f.Path + ".usage");
        while (f.NextField(outer))
        {
            if (f.Is("input_tokens"u8)) u = u with { InputTokens = f.Int("input_tokens") };
            else if (f.Is("output_tokens"u8)) u = u with { OutputTokens = f.Int("output_tokens") };
            else if (f.Is("reasoning_tokens"u8)) u = u with { ReasoningTokens = f.Int("reasoning_tokens") };
            else if (f.Is("reasoning_output_tokens"u8)) u = u with { ReasoningOutputTokens = f.Int("reasoning_output_tokens") };
            else if (f.Is("total_tokens"u8)) u = u with { TotalTokens = f.Int("total_tokens") };
            else if (f.Is("cached_input_tokens"u8)) u = u with { CachedInputTokens = f.Int("cached_input_tokens") };
            else if (f.Is("cache_read_input_tokens"u8) || f.Is("cache_read_tokens"u8)) u = u with { CacheReadInputTokens = f.Int("cache_read_input_tokens") };
            else if (f.Is("cache_creation_input_tokens"u8) || f.Is("cache_creation_tokens"u8)) u = u with { CacheCreationInputTokens = f.Int("cache_creation_input_tokens") };
            else if (f.Is("cache_creation_5m_input_tokens"u8)) u = u with { CacheCreation5mInputTokens = f.Int("cache_creation_5m_input_tokens") };
            else if (f.Is("cache_creation_1h_input_tokens"u8)) u = u with { CacheCreation1hInputTokens = f.Int("cache_creation_1h_input_tokens") };
            else f.SkipValue();
        }

        return u;
    }

    private static HttpDebugRef ReadDebugRef(ref JsonFields f)
    {
        string? id = null, file = null;
        var outer = f.EnterObject(f.Path + ".http_debug_ref");
        while (f.NextField(outer))
        {
            if (f.Is("id"u8)) id = f.String("id");
            else if (f.Is("file"u8)) file = f.String("file");
            else f.SkipValue();
        }

        return new HttpDebugRef(id ?? throw f.Missing("id"), file ?? throw f.Missing("file"));
    }

    private static RetryInfo ReadRetry(ref JsonFields f)
    {
        int? attempts = null;
        List<string> chain = [];
        List<RouteAttempt> rows = [];
        var outer = f.EnterObject(f.Path + ".retry");
        while (f.NextField(outer))
        {
            if (f.Is("attempts"u8)) attempts = f.Index("attempts");
            else if (f.Is("upstream_chain"u8)) chain = [.. f.Strings("upstream_chain").Select(Redactor.Redact)];
            else if (f.Is("route_attempts"u8))
            {
                f.EnterArray("route_attempts");
                while (f.NextElement())
                {
                    rows.Add(ReadAttempt(ref f, rows.Count));
                }
            }
            else f.SkipValue();
        }

        return new RetryInfo(attempts ?? throw f.Missing("attempts"), chain, rows);
    }

    private static RouteAttempt ReadAttempt(ref JsonFields f, int position)
    {
        var a = new RouteAttempt { Decision = "" };
        var outer = f.EnterObject($"{f.Path}.route_attempts[{position}]");
        while (f.NextField(outer))
        {
            if (f.Is("attempt_index"u8)) a = a with { AttemptIndex = f.Index("attempt_index") };
            else if (f.Is("provider_id"u8)) a = a with { ProviderId = f.NullableString("provider_id") };
            else if (f.Is("endpoint_id"u8)) a = a with { EndpointId = f.NullableString("endpoint_id") };
            else if (f.Is("provider_endpoint_key"u8)) a = a with { ProviderEndpointKey = f.NullableString("provider_endpoint_key") };
            else if (f.Is("preference_group"u8)) a = a with { PreferenceGroup = Optional(ref f, "preference_group") };
            else if (f.Is("route_path"u8)) a = a with { RoutePath = f.Strings("route_path") };
            else if (f.Is("provider_attempt"u8)) a = a with { ProviderAttempt = Optional(ref f, "provider_attempt") };
            else if (f.Is("upstream_attempt"u8)) a = a with { UpstreamAttempt = Optional(ref f, "upstream_attempt") };
            else if (f.Is("provider_max_attempts"u8)) a = a with { ProviderMaxAttempts = Optional(ref f, "provider_max_attempts") };
            else if (f.Is("upstream_max_attempts"u8)) a = a with { UpstreamMaxAttempts = Optional(ref f, "upstream_max_attempts") };
            else if (f.Is("station_name"u8)) a = a with { StationName = f.NullableString("station_name") };
            else if (f.Is("upstream_base_url"u8)) a = a with { UpstreamBaseUrl = Redactor.RedactNullable(f.NullableString("upstream_base_url")) };
            else if (f.Is("upstream_index"u8)) a = a with { UpstreamIndex = Optional(ref f, "upstream_index") };
            else if (f.Is("avoid_for_station"u8)) a = a with { AvoidForStation = f.Indices("avoid_for_station") };
            else if (f.Is("avoided_candidate_indices"u8)) a = a with { AvoidedCandidateIndices = f.Indices("avoided_candidate_indices") };
            else if (f.Is("avoided_total"u8)) a = a with { AvoidedTotal = Optional(ref f, "avoided_total") };
            else if (f.Is("total_upstreams"u8)) a = a with { TotalUpstreams = Optional(ref f, "total_upstreams") };
            else if (f.Is("decision"u8)) a = a with { Decision = f.String("decision") };
            else if (f.Is("reason"u8)) a = a with { Reason = Redactor.RedactNullable(f.NullableString("reason")) };
            else if (f.Is("status_code"u8)) a = a with { StatusCode = Optional(ref f, "status_code") };
            else if (f.Is("error_class"u8)) a = a with { ErrorClass = f.NullableString("error_class") };
            else if (f.Is("model"u8)) a = a with { Model = f.NullableString("model") };
            else if (f.Is("upstream_headers_ms"u8)) a = a with { UpstreamHeadersMs = f.NullableUInt("upstream_headers_ms") };
            else if (f.Is("duration_ms"u8)) a = a with { DurationMs = f.NullableUInt("duration_ms") };
            else if (f.Is("cooldown_secs"u8)) a = a with { CooldownSecs = f.NullableUInt("cooldown_secs") };
            else if (f.Is("cooldown_reason"u8)) a = a with { CooldownReason = f.NullableString("cooldown_reason") };
            else if (f.Is("skipped"u8)) a = a with { Skipped = f.Bool("skipped") };
            else if (f.Is("raw"u8)) a = a with { Raw = Redactor.Redact(f.String("raw")) };
            else f.SkipValue();
        }

        return a.Decision.Length > 0 ? a : throw f.Missing("decision");
    }

    private static int? Optional(ref JsonFields f, string field) => f.IsNull ? null : f.Index(field);
}
