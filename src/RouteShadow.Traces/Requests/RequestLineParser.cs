using RouteShadow.Traces.Input;

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
            else if (f.Is("service"u8)) service = f.Shared("service");
            else if (f.Is("method"u8)) method = f.Shared("method");
            else if (f.Is("path"u8)) path = f.Shared("path");
            else if (f.Is("status_code"u8)) status = checked((int)f.UInt("status_code"));
            else if (f.Is("duration_ms"u8)) duration = f.UInt("duration_ms");
            else if (f.Is("ttfb_ms"u8)) ttfb = f.NullableUInt("ttfb_ms");
            else if (f.Is("station_name"u8)) station = f.NullableShared("station_name");
            else if (f.Is("provider_id"u8)) providerId = f.NullableShared("provider_id");
            else if (f.Is("endpoint_id"u8)) endpointId = f.NullableShared("endpoint_id");
            else if (f.Is("provider_endpoint_key"u8)) key = f.NullableShared("provider_endpoint_key");
            else if (f.Is("upstream_base_url"u8)) baseUrl = f.SharedRedacted("upstream_base_url");
            else if (f.Is("session_id"u8)) session = f.NullableShared("session_id");
            else if (f.Is("cwd"u8)) cwd = f.NullableShared("cwd");
            else if (f.Is("reasoning_effort"u8)) effort = f.NullableShared("reasoning_effort");
            else if (f.Is("model"u8)) model = f.NullableShared("model");
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
        long input = 0, output = 0, reasoning = 0, reasoningOutput = 0, total = 0, cached = 0, cacheRead = 0, cacheCreation = 0, creation5m = 0, creation1h = 0;
        var outer = f.EnterObject(f.Path + ".usage");
        while (f.NextField(outer))
        {
            if (f.Is("input_tokens"u8)) input = f.Int("input_tokens");
            else if (f.Is("output_tokens"u8)) output = f.Int("output_tokens");
            else if (f.Is("reasoning_tokens"u8)) reasoning = f.Int("reasoning_tokens");
            else if (f.Is("reasoning_output_tokens"u8)) reasoningOutput = f.Int("reasoning_output_tokens");
            else if (f.Is("total_tokens"u8)) total = f.Int("total_tokens");
            else if (f.Is("cached_input_tokens"u8)) cached = f.Int("cached_input_tokens");
            else if (f.Is("cache_read_input_tokens"u8) || f.Is("cache_read_tokens"u8)) cacheRead = f.Int("cache_read_input_tokens");
            else if (f.Is("cache_creation_input_tokens"u8) || f.Is("cache_creation_tokens"u8)) cacheCreation = f.Int("cache_creation_input_tokens");
            else if (f.Is("cache_creation_5m_input_tokens"u8)) creation5m = f.Int("cache_creation_5m_input_tokens");
            else if (f.Is("cache_creation_1h_input_tokens"u8)) creation1h = f.Int("cache_creation_1h_input_tokens");
            else f.SkipValue();
        }

        return new UsageMetrics
        {
            InputTokens = input, OutputTokens = output, ReasoningTokens = reasoning, ReasoningOutputTokens = reasoningOutput,
            TotalTokens = total, CachedInputTokens = cached, CacheReadInputTokens = cacheRead, CacheCreationInputTokens = cacheCreation,
            CacheCreation5mInputTokens = creation5m, CacheCreation1hInputTokens = creation1h,
        };
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
            else if (f.Is("upstream_chain"u8)) chain = RedactedStrings(ref f, "upstream_chain");
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
        int index = 0;
        int? group = null, providerAttempt = null, upstreamAttempt = null, providerMax = null, upstreamMax = null;
        int? upstreamIndex = null, avoidedTotal = null, total = null, status = null;
        long? headers = null, duration = null, cooldown = null;
        string? providerId = null, endpointId = null, key = null, station = null, baseUrl = null, decision = null;
        string? reason = null, errorClass = null, model = null, cooldownReason = null, raw = null;
        List<string> routePath = [];
        List<int> avoid = [], avoidedCandidates = [];
        var skipped = false;
        var outer = f.EnterObject($"{f.Path}.route_attempts[{position}]");
        while (f.NextField(outer))
        {
            if (f.Is("attempt_index"u8)) index = f.Index("attempt_index");
            else if (f.Is("provider_id"u8)) providerId = f.NullableShared("provider_id");
            else if (f.Is("endpoint_id"u8)) endpointId = f.NullableShared("endpoint_id");
            else if (f.Is("provider_endpoint_key"u8)) key = f.NullableShared("provider_endpoint_key");
            else if (f.Is("preference_group"u8)) group = Optional(ref f, "preference_group");
            else if (f.Is("route_path"u8)) routePath = f.Strings("route_path");
            else if (f.Is("provider_attempt"u8)) providerAttempt = Optional(ref f, "provider_attempt");
            else if (f.Is("upstream_attempt"u8)) upstreamAttempt = Optional(ref f, "upstream_attempt");
            else if (f.Is("provider_max_attempts"u8)) providerMax = Optional(ref f, "provider_max_attempts");
            else if (f.Is("upstream_max_attempts"u8)) upstreamMax = Optional(ref f, "upstream_max_attempts");
            else if (f.Is("station_name"u8)) station = f.NullableShared("station_name");
            else if (f.Is("upstream_base_url"u8)) baseUrl = f.NullableSharedRedacted("upstream_base_url");
            else if (f.Is("upstream_index"u8)) upstreamIndex = Optional(ref f, "upstream_index");
            else if (f.Is("avoid_for_station"u8)) avoid = f.Indices("avoid_for_station");
            else if (f.Is("avoided_candidate_indices"u8)) avoidedCandidates = f.Indices("avoided_candidate_indices");
            else if (f.Is("avoided_total"u8)) avoidedTotal = Optional(ref f, "avoided_total");
            else if (f.Is("total_upstreams"u8)) total = Optional(ref f, "total_upstreams");
            else if (f.Is("decision"u8)) decision = f.Shared("decision");
            else if (f.Is("reason"u8)) reason = f.NullableSharedRedacted("reason");
            else if (f.Is("status_code"u8)) status = Optional(ref f, "status_code");
            else if (f.Is("error_class"u8)) errorClass = f.NullableShared("error_class");
            else if (f.Is("model"u8)) model = f.NullableShared("model");
            else if (f.Is("upstream_headers_ms"u8)) headers = f.NullableUInt("upstream_headers_ms");
            else if (f.Is("duration_ms"u8)) duration = f.NullableUInt("duration_ms");
            else if (f.Is("cooldown_secs"u8)) cooldown = f.NullableUInt("cooldown_secs");
            else if (f.Is("cooldown_reason"u8)) cooldownReason = f.NullableShared("cooldown_reason");
            else if (f.Is("skipped"u8)) skipped = f.Bool("skipped");
            else if (f.Is("raw"u8)) raw = f.SharedRedacted("raw");
            else f.SkipValue();
        }

        return new RouteAttempt
        {
            AttemptIndex = index, ProviderId = providerId, EndpointId = endpointId, ProviderEndpointKey = key, PreferenceGroup = group,
            RoutePath = routePath, ProviderAttempt = providerAttempt, UpstreamAttempt = upstreamAttempt, ProviderMaxAttempts = providerMax,
            UpstreamMaxAttempts = upstreamMax, StationName = station, UpstreamBaseUrl = baseUrl, UpstreamIndex = upstreamIndex,
            AvoidForStation = avoid, AvoidedCandidateIndices = avoidedCandidates, AvoidedTotal = avoidedTotal, TotalUpstreams = total,
            Decision = decision ?? throw f.Missing("decision"), Reason = reason, StatusCode = status, ErrorClass = errorClass, Model = model,
            UpstreamHeadersMs = headers, DurationMs = duration, CooldownSecs = cooldown, CooldownReason = cooldownReason, Skipped = skipped,
            Raw = raw ?? "",
        };
    }

    private static List<string> RedactedStrings(ref JsonFields f, string field)
    {
        f.EnterArray(field);
        var list = new List<string>();
        while (f.NextElement())
        {
            list.Add(f.SharedRedacted(field + "[]"));
        }

        return list;
    }

    private static int? Optional(ref JsonFields f, string field) => f.IsNull ? null : f.Index(field);
}
