using System.Text;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Tests.Support;

namespace RouteShadow.Traces.Tests.Requests;

/// <summary>Hand-written lines of every <c>requests.jsonl</c> shape.</summary>
public class RequestLineParserTests
{
    private const string StreamSuccess =
        """{"timestamp_ms":1760000010000,"request_id":41,"trace_id":"codex-41","service":"codex","method":"POST","path":"/v1/responses","status_code":200,"duration_ms":9000,"ttfb_ms":800,"provider_id":"north","endpoint_id":"default","provider_endpoint_key":"codex/north/default","upstream_base_url":"https://north.example.test/v1","session_id":"s-1","cwd":"/home/me/app","reasoning_effort":"low","service_tier":{"requested":"flex","effective":"flex","actual":"default"},"usage":{"input_tokens":100,"output_tokens":20,"reasoning_tokens":5,"reasoning_output_tokens":5,"total_tokens":120,"cached_input_tokens":60,"cache_read_tokens":7,"cache_creation_tokens":3,"cache_creation_5m_input_tokens":1,"cache_creation_1h_input_tokens":2},"http_debug_ref":{"id":"1760000010000-3","file":"requests_debug.jsonl"}}""";

    private const string GraphFailover =
        """{"timestamp_ms":1760000020000,"request_id":42,"trace_id":"codex-42","service":"codex","method":"POST","path":"/v1/responses","status_code":200,"duration_ms":3000,"ttfb_ms":900,"provider_id":"south","endpoint_id":"default","provider_endpoint_key":"codex/south/default","upstream_base_url":"https://south.example.test/v1","retry":{"attempts":3,"upstream_chain":["endpoint=codex/north/default group=0 url=https://north.example.test/v1 status=503 class=- model=gpt-5","endpoint=codex/north/default group=0 url=https://north.example.test/v1 status=503 class=- model=gpt-5","endpoint=codex/south/default group=1 url=https://south.example.test/v1 status=200 class=- model=gpt-5"],"route_attempts":[{"attempt_index":0,"provider_id":"north","endpoint_id":"default","provider_endpoint_key":"codex/north/default","preference_group":0,"route_path":["main","north"],"provider_attempt":1,"upstream_attempt":1,"provider_max_attempts":2,"upstream_max_attempts":2,"upstream_base_url":"https://north.example.test/v1","avoided_total":0,"total_upstreams":2,"decision":"failed_status","status_code":503,"model":"gpt-5","upstream_headers_ms":700,"duration_ms":705,"raw":"endpoint=codex/north/default group=0 url=https://north.example.test/v1 status=503 class=- model=gpt-5"},{"attempt_index":1,"provider_id":"north","endpoint_id":"default","provider_endpoint_key":"codex/north/default","preference_group":0,"route_path":["main","north"],"provider_attempt":1,"upstream_attempt":2,"provider_max_attempts":2,"upstream_max_attempts":2,"upstream_base_url":"https://north.example.test/v1","avoided_total":0,"total_upstreams":2,"decision":"failed_status","status_code":503,"model":"gpt-5","upstream_headers_ms":650,"duration_ms":1600,"cooldown_secs":30,"cooldown_reason":"status_503","raw":"endpoint=codex/north/default group=0 url=https://north.example.test/v1 status=503 class=- model=gpt-5"},{"attempt_index":2,"provider_id":"south","endpoint_id":"default","provider_endpoint_key":"codex/south/default","preference_group":1,"route_path":["main","south"],"provider_attempt":1,"upstream_attempt":1,"provider_max_attempts":2,"upstream_max_attempts":2,"upstream_base_url":"https://south.example.test/v1","avoided_candidate_indices":[0],"avoided_total":1,"total_upstreams":2,"decision":"completed","status_code":200,"model":"gpt-5","upstream_headers_ms":900,"duration_ms":3000,"raw":"endpoint=codex/south/default group=1 url=https://south.example.test/v1 status=200 class=- model=gpt-5"}]}}""";

    private const string StationExhausted =
        """{"timestamp_ms":1760000030000,"request_id":7,"trace_id":"codex-7","service":"codex","method":"POST","path":"/v1/responses","status_code":429,"duration_ms":2000,"upstream_base_url":"-","retry":{"attempts":2,"upstream_chain":["station=relay upstream_index=0 url=https://a.relay.test/v1 transport_error=connection refused model=gpt-5","station=relay upstream_index=1 url=https://b.relay.test/v1 status=429 class=- model=gpt-5"],"route_attempts":[{"attempt_index":0,"endpoint_id":"0","provider_endpoint_key":"codex/relay#0/0","preference_group":0,"route_path":["legacy","relay","relay#0"],"provider_attempt":1,"upstream_attempt":1,"station_name":"relay","upstream_base_url":"https://a.relay.test/v1","upstream_index":0,"avoided_total":0,"total_upstreams":2,"decision":"failed_transport","reason":"connection refused","error_class":"upstream_transport_error","model":"gpt-5","duration_ms":4,"cooldown_secs":30,"cooldown_reason":"upstream_transport_error","raw":"station=relay upstream_index=0 url=https://a.relay.test/v1 transport_error=connection refused model=gpt-5"},{"attempt_index":1,"endpoint_id":"1","provider_endpoint_key":"codex/relay#1/1","preference_group":0,"route_path":["legacy","relay","relay#1"],"provider_attempt":1,"upstream_attempt":1,"station_name":"relay","upstream_base_url":"https://b.relay.test/v1","upstream_index":1,"avoid_for_station":[0],"avoided_total":1,"total_upstreams":2,"decision":"failed_status","status_code":429,"model":"gpt-5","upstream_headers_ms":300,"duration_ms":1990,"cooldown_secs":30,"cooldown_reason":"status_429","raw":"station=relay upstream_index=1 url=https://b.relay.test/v1 status=429 class=- model=gpt-5"}]}}""";

    private const string NoRoute =
        """{"timestamp_ms":1760000040000,"service":"claude","method":"POST","path":"/v1/messages","status_code":502,"duration_ms":1,"upstream_base_url":"-","session_id":"s-2","http_debug_ref":{"id":"1760000040000-0","file":"requests_debug.jsonl"}}""";

    [Fact]
    public void Parse_StreamSuccess_ReadsEveryField()
    {
        var r = RequestLineParser.Parse(Encoding.UTF8.GetBytes(StreamSuccess));

        Assert.Equal((1760000010000L, 41L, "codex-41", "codex", "POST", "/v1/responses"), (r.TimestampMs, r.RequestId, r.TraceId, r.Service, r.Method, r.Path));
        Assert.Equal((200, 9000L, 800L, 1760000001000L), (r.StatusCode, r.DurationMs, r.TtfbMs, r.StartMs));
        Assert.Equal(("north", "default", "codex/north/default", "https://north.example.test/v1"), (r.ProviderId, r.EndpointId, r.ProviderEndpointKey, r.UpstreamBaseUrl));
        Assert.Equal(("s-1", "/home/me/app", "low"), (r.SessionId, r.Cwd, r.ReasoningEffort));
        Assert.Equal(new ServiceTierLog("flex", "flex", "default"), r.ServiceTier);
        Assert.Equal(new UsageMetrics
        {
            InputTokens = 100, OutputTokens = 20, ReasoningTokens = 5, ReasoningOutputTokens = 5, TotalTokens = 120, CachedInputTokens = 60,
            CacheReadInputTokens = 7, CacheCreationInputTokens = 3, CacheCreation5mInputTokens = 1, CacheCreation1hInputTokens = 2,
        }, r.Usage);
        Assert.Equal(new HttpDebugRef("1760000010000-3", "requests_debug.jsonl"), r.HttpDebugRef);
        Assert.Null(r.StationName);
        Assert.Null(r.Retry);
        Assert.True(r.HasFinalTarget);
    }

    [Fact]
    public void Parse_RouteGraphFailover_ReadsEveryRouteAttemptField()
    {
        var r = RequestLineParser.Parse(Encoding.UTF8.GetBytes(GraphFailover));

        var retry = r.Retry!;
        Assert.Equal((3, 3, 3), (retry.ObservedAttempts, retry.UpstreamChain.Count, retry.Rows.Count));
        var retried = retry.Rows[1];
        Assert.Equal((1, "north", "default", "codex/north/default", 0), (retried.AttemptIndex, retried.ProviderId, retried.EndpointId, retried.ProviderEndpointKey, retried.PreferenceGroup));
        Assert.Equal(["main", "north"], retried.RoutePath);
        Assert.Equal((1, 2, 2, 2), (retried.ProviderAttempt, retried.UpstreamAttempt, retried.ProviderMaxAttempts, retried.UpstreamMaxAttempts));
        Assert.Equal((AttemptDecisions.FailedStatus, 503, 650L, 1600L, 30L, "status_503"), (retried.Decision, retried.StatusCode, retried.UpstreamHeadersMs, retried.DurationMs, retried.CooldownSecs, retried.CooldownReason));
        Assert.Equal([0], retry.Rows[2].AvoidedCandidateIndices);
        Assert.Equal((1, 2), (retry.Rows[2].AvoidedTotal, retry.Rows[2].TotalUpstreams));
    }

    [Fact]
    public void Parse_ExhaustedStation_HasNoFinalTargetAndStationRows()
    {
        var r = RequestLineParser.Parse(Encoding.UTF8.GetBytes(StationExhausted));

        Assert.False(r.HasFinalTarget);
        var (transport, status) = (r.Retry!.Rows[0], r.Retry.Rows[1]);
        Assert.Equal(("relay", 0, AttemptDecisions.FailedTransport, "connection refused", "upstream_transport_error"), (transport.StationName, transport.UpstreamIndex, transport.Decision, transport.Reason, transport.ErrorClass));
        Assert.Equal([0], status.AvoidForStation);
    }

    [Fact]
    public void Parse_NoRoute_HasNoIdsAndNoTarget()
    {
        var r = RequestLineParser.Parse(Encoding.UTF8.GetBytes(NoRoute));

        Assert.Equal((null, null, "claude", 502), (r.RequestId, r.TraceId, r.Service, r.StatusCode));
        Assert.False(r.HasFinalTarget);
    }

    [Fact]
    public void Rows_LogWithoutRouteAttempts_AreParsedFromTheChain()
    {
        var line = """{"timestamp_ms":5,"request_id":1,"service":"codex","method":"POST","path":"/v1/responses","status_code":200,"duration_ms":3,"upstream_base_url":"https://b.example/v1","retry":{"attempts":2,"upstream_chain":["alpha:https://a.example/v1 (idx=0) status=502 class=- model=gpt-5","alpha:https://b.example/v1 (idx=1) status=200 class=- model=gpt-5"]}}""";

        var rows = RequestLineParser.Parse(Encoding.UTF8.GetBytes(line)).Retry!.Rows;

        Assert.Equal([("alpha", 0, AttemptDecisions.FailedStatus), ("alpha", 1, AttemptDecisions.Completed)], rows.Select(a => (a.StationName!, a.UpstreamIndex!.Value, a.Decision)));
    }

    [Fact]
    public void Read_CorruptLines_AreCountedWithFileAndLineAndTheRestIsRead()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("requests.jsonl", [
            .. Encoding.UTF8.GetBytes(StreamSuccess + "\n"),
            .. "{\"timestamp_ms\":1,\"service\":codex}\n"u8,
            .. "{\"timestamp_ms\":1,\"service\":\"codex\",\"status_code\":\"200\",\"duration_ms\":1}\n"u8,
            .. "{\"timestamp_ms\":1,\"service\":\"codex\",\"status_code\":200}\n"u8,
            .. "{\"timestamp_ms\":1,\"service\":\""u8, 0xff, .. "\"}\n"u8,
            .. "[1,2]\n"u8,
            .. Encoding.UTF8.GetBytes(NoRoute + "\n"),
            .. "{\"timestamp_ms\":1,\"service\":\"co"u8,
        ]);
        var malformed = new MalformedLines();

        var records = new RequestLogReader(LogFileSet.Resolve(path), malformed).Read().ToList();

        Assert.Equal([41L, null], records.Select(r => r.RequestId));
        Assert.Equal(
            [(2L, LineProblem.BadJson), (3, LineProblem.WrongShape), (4, LineProblem.WrongShape), (5, LineProblem.BadUtf8), (6, LineProblem.WrongShape), (8, LineProblem.Truncated)],
            malformed.Examples.Select(m => (m.Line, m.Problem)));
        Assert.Equal("$.status_code: expected a non-negative integer, got a string", malformed.Examples.Single(m => m.Line == 3).Detail);
        Assert.Equal("$.duration_ms: missing required field", malformed.Examples.Single(m => m.Line == 4).Detail);
        Assert.Equal(6, malformed.Count);
    }
}
