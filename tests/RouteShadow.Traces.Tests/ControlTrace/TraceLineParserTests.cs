using System.Text;
using RouteShadow.Core.Engines;
using RouteShadow.Traces.ControlTrace;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Tests.Support;

namespace RouteShadow.Traces.Tests.ControlTrace;

/// <summary>Hand-written control-trace entries: the envelope and every event of the catalogue, plus the older retry-trace shapes.</summary>
public class TraceLineParserTests
{
    private static TraceEvent Parse(string line, Func<string, bool>? wanted = null) =>
        new TraceLineParser(wanted).Parse(Encoding.UTF8.GetBytes(line)) ?? throw new InvalidOperationException("filtered out");

    private static string Envelope(string name, string payload, long? requestId = null, string detail = """{"type":"retry_event"}""") =>
        $$"""{"ts_ms":1760000000100,"kind":"retry_trace","service":"codex",{{(requestId is { } id ? $"\"request_id\":{id},\"trace_id\":\"codex-{id}\"," : "")}}"event":"{{name}}","detail":{{detail}},"payload":{{payload}}}""";

    [Fact]
    public void Parse_StationSelectionOnOneLevel_ReadsThePlanOrderAndUpstreamCounts()
    {
        var e = Parse(Envelope("lbs_for_request", """{"active_station":"beta","eligible_count":2,"eligible_details":[{"balance":{"ok":0},"balance_state":"unknown","enabled":true,"level":1,"name":"alpha","runtime_state":"normal","upstreams":3},{"balance":{"ok":0},"balance_state":"unknown","enabled":true,"level":1,"name":"beta","runtime_state":"normal","upstreams":1}],"eligible_stations":["alpha","beta"],"event":"lbs_for_request","mode":"single_level_multi","selected_stations":["beta","alpha"],"service":"codex","session_id":"s-9","ts_ms":1760000000100}"""));

        var selection = Assert.IsType<StationSelection>(e.Payload);
        Assert.Equal((1760000000100L, "retry_trace", "codex", null, null, "lbs_for_request"), (e.TsMs, e.Kind, e.Service, e.RequestId, e.TraceId, e.Name));
        Assert.Equal(("single_level_multi", "s-9", "beta"), (selection.Mode, selection.SessionId, selection.ActiveStation));
        Assert.Equal([new PlannedStation("beta", 1), new PlannedStation("alpha", 3)], selection.Stations);
        Assert.False(selection.IsRouteGraph);
    }

    [Fact]
    public void Parse_StationSelectionAcrossLevels_TakesTheSelectedDetailsOrder()
    {
        var e = Parse(Envelope("lbs_for_request", """{"active_station":"a","eligible_count":2,"eligible_stations":[{"level":2,"name":"z","upstreams":1},{"level":1,"name":"a","upstreams":2}],"event":"lbs_for_request","mode":"multi_level","selected_details":[{"level":1,"name":"a","upstreams":2},{"level":2,"name":"z","upstreams":1}],"service":"codex","session_id":null,"ts_ms":1}"""));

        Assert.Equal([new PlannedStation("a", 2), new PlannedStation("z", 1)], Assert.IsType<StationSelection>(e.Payload).Stations);
    }

    [Fact]
    public void Parse_PinnedSelection_IsOneStationWithItsCount()
    {
        var e = Parse(Envelope("lbs_for_request", """{"active_station":"a","event":"lbs_for_request","mode":"pinned","pinned_name":"b","pinned_source":"session","runtime_state":"half_open","selected_level":1,"selected_station":"b","selected_upstreams":2,"service":"codex","session_id":"s","station_count":2,"ts_ms":1}"""));

        var selection = Assert.IsType<StationSelection>(e.Payload);
        Assert.Equal(("pinned", "session", "b"), (selection.Mode, selection.PinnedSource, selection.PinnedName));
        Assert.Equal([new PlannedStation("b", 2)], selection.Stations);
    }

    [Fact]
    public void Parse_RouteGraphSelection_ReadsTheCandidates()
    {
        var e = Parse(Envelope("lbs_for_request", """{"candidate_count":2,"entry":"main","event":"lbs_for_request","mode":"v4_route_plan_ir","provider_endpoint_candidates":[{"endpoint_id":"default","preference_group":0,"provider_endpoint_key":"codex/north/default","provider_id":"north","route_path":["main","north"]},{"endpoint_id":"eu","preference_group":1,"provider_endpoint_key":"codex/south/eu","provider_id":"south","route_path":["main","south.eu"]}],"service":"codex","ts_ms":1}"""));

        var selection = Assert.IsType<StationSelection>(e.Payload);
        Assert.True(selection.IsRouteGraph);
        Assert.Equal("main", selection.Entry);
        Assert.Equal(["codex/north/default", "codex/south/eu"], selection.Candidates.Select(c => c.ProviderEndpointKey!));
        Assert.Equal((1, "eu"), (selection.Candidates[1].PreferenceGroup!.Value, selection.Candidates[1].EndpointId!));
        Assert.Empty(selection.Stations);
    }

    [Theory]
    [InlineData("""{"error":"route 'x' is part of a cycle","event":"lbs_for_request","mode":"v4_route_plan_compile_error","service":"codex","ts_ms":1}""", "v4_route_plan_compile_error")]
    [InlineData("""{"active_station":null,"eligible_count":0,"eligible_details":[],"eligible_stations":[],"event":"lbs_for_request","mode":"single_level_empty","service":"codex","session_id":null,"ts_ms":1}""", "single_level_empty")]
    public void Parse_EmptySelections_HaveNoStations(string payload, string mode)
    {
        var selection = Assert.IsType<StationSelection>(Parse(Envelope("lbs_for_request", payload)).Payload);

        Assert.Equal(mode, selection.Mode);
        Assert.Empty(selection.Stations);
    }

    [Fact]
    public void Parse_RouteTargetOverride_ReadsSessionSourceAndTarget()
    {
        var e = Parse(Envelope("route_target_override_applied", """{"event":"route_target_override_applied","service":"codex","session_id":"s","source":"global_route_target_override","target":"south","ts_ms":1}"""));

        Assert.Equal(new RouteTargetOverride("s", "global_route_target_override", "south"), e.Payload);
    }

    [Fact]
    public void Parse_RetryOptions_ReadsThePlan()
    {
        var e = Parse(Envelope("retry_options", """{"allow_cross_station_before_first_output":true,"cloudflare_challenge_cooldown_secs":300,"cloudflare_timeout_cooldown_secs":60,"cooldown_backoff_factor":2,"cooldown_backoff_max_secs":900,"event":"retry_options","never_error_classes":["client_error_non_retryable"],"never_status_ranges":[[413,413],[422,422]],"provider":{"base_backoff_ms":0,"jitter_ms":0,"max_attempts":3,"max_backoff_ms":0,"retry_error_classes":["upstream_transport_error"],"retry_status_ranges":[[401,401],[500,599]],"strategy":"failover"},"request_id":"12","service":"codex","transport_cooldown_secs":15,"ts_ms":1,"upstream":{"base_backoff_ms":200,"jitter_ms":100,"max_attempts":2,"max_backoff_ms":2000,"retry_error_classes":["upstream_transport_error","cloudflare_timeout"],"retry_status_ranges":[[429,429],[500,599]],"strategy":"same_upstream"}}""", requestId: 12));

        var policy = Assert.IsType<RetryOptions>(e.Payload).Policy;
        Assert.Equal((12L, "codex-12"), (e.RequestId, e.TraceId));
        Assert.Equal((2, 3, 15UL, 2UL, 900UL, true), (policy.Upstream.MaxAttempts, policy.Provider.MaxAttempts, policy.TransportCooldownSecs, policy.CooldownBackoffFactor, policy.CooldownBackoffMaxSecs, policy.AllowCrossStationBeforeFirstOutput));
        Assert.True(policy.NeverRetries(422, null));
        Assert.False(policy.NeverRetries(415, null));
        Assert.True(policy.Provider.Retries(503, null));
        Assert.False(policy.Provider.Retries(404, null));
    }

    [Fact]
    public void Parse_AttemptSelect_ReadsTheCompatibilityTargetAndAvoidSets()
    {
        var e = Parse(Envelope("attempt_select", """{"attempt":2,"avoid_for_station":[0],"avoided_candidate_indices":[],"avoided_total":1,"compatibility":{"station_name":"relay","upstream_index":1},"endpoint_id":"1","event":"attempt_select","model":"gpt-5->gpt-5-codex","preference_group":0,"provider_attempt":1,"provider_endpoint_key":null,"provider_id":null,"provider_max_attempts":2,"request_id":7,"service":"codex","total_upstreams":2,"ts_ms":1,"upstream_attempt":1,"upstream_base_url":"https://b.relay.test/v1","upstream_max_attempts":2}""", requestId: 7));

        var select = Assert.IsType<AttemptSelect>(e.Payload);
        Assert.Equal((2, "relay", 1, "https://b.relay.test/v1", "gpt-5->gpt-5-codex"), (select.Attempt, select.StationName, select.UpstreamIndex, select.UpstreamBaseUrl, select.Model));
        Assert.Equal([0], select.AvoidForStation);
        Assert.Null(select.ProviderId);
    }

    [Fact]
    public void Parse_ShadowMismatch_ReadsBothAttemptListsAsCoreAttempts()
    {
        const string attempt = """{"avoid_for_station":[],"avoided_total":0,"decision":"selected","endpoint_id":"0","provider_id":null,"reason":null,"route_path":["legacy","alpha","alpha#0"],"station_name":"alpha","total_upstreams":2,"upstream_base_url":"https://a.test/v1","upstream_index":0}""";
        const string skip = """{"avoid_for_station":[1],"avoided_total":1,"decision":"skipped_capability_mismatch","endpoint_id":"1","provider_id":"p","reason":"unsupported_model","route_path":["legacy","alpha","p"],"station_name":"alpha","total_upstreams":2,"upstream_base_url":"https://b.test/v1","upstream_index":1}""";
        var e = Parse(Envelope("route_executor_shadow_mismatch", $$"""{"event":"route_executor_shadow_mismatch","executor_attempts":[{{skip}},{{attempt}}],"legacy_attempts":[{{attempt}}],"request_id":31,"request_model":"gpt-5","service":"codex","ts_ms":1}""", requestId: 31));

        var shadow = Assert.IsType<ShadowMismatch>(e.Payload);
        Assert.Equal("gpt-5", shadow.RequestModel);
        Assert.Equal(new ShadowAttempt(AttemptDecision.Selected, "alpha", 0, "https://a.test/v1", null, "0", ["legacy", "alpha", "alpha#0"], [], 0, 2, null), shadow.LegacyAttempts[0]);
        Assert.Equal((AttemptDecision.SkippedCapabilityMismatch, "unsupported_model", "p"), (shadow.ExecutorAttempts[0].Decision, shadow.ExecutorAttempts[0].Reason, shadow.ExecutorAttempts[0].ProviderId));
    }

    [Fact]
    public void Parse_SelectionExplain_ReadsAffinityAndSkippedCandidates()
    {
        var e = Parse(Envelope("route_graph_selection_explain", """{"affinity":{"policy":"preferred_group","provider_endpoint_key":"codex/north/default","selected_matches_affinity":false},"event":"route_graph_selection_explain","request_id":3,"request_model":"gpt-5","selected":{"endpoint_id":"default","preference_group":1,"provider_endpoint_key":"codex/south/default","provider_id":"south","route_path":["main","south"]},"service":"codex","skipped_higher_priority_candidates":[{"endpoint_id":"default","preference_group":0,"provider_endpoint_key":"codex/north/default","provider_id":"north","reasons":["attempt_avoided","cooldown"],"route_path":["main","north"]}],"skipped_higher_priority_groups":[0],"ts_ms":1}""", requestId: 3));

        var explain = Assert.IsType<SelectionExplain>(e.Payload);
        Assert.Equal(("gpt-5", "preferred_group", "codex/north/default", false), (explain.RequestModel, explain.AffinityPolicy, explain.AffinityProviderEndpointKey, explain.SelectedMatchesAffinity!.Value));
        Assert.Equal("codex/south/default", explain.Selected!.ProviderEndpointKey);
        Assert.Equal([0], explain.SkippedHigherPriorityGroups);
        Assert.Equal(["attempt_avoided", "cooldown"], explain.SkippedHigherPriorityCandidates.Single().Reasons);
    }

    [Theory]
    [InlineData("same_station_failover", "retry_another_upstream_within_station")]
    [InlineData("same_station_exhausted", "consider_next_station")]
    public void Parse_StationFailoverEvents_ReadTheAvoidedIndices(string name, string next)
    {
        var e = Parse(Envelope(name, $$"""{"avoided_indices":[0,2],"event":"{{name}}","next_action":"{{next}}","request_id":7,"service":"codex","station_name":"relay","ts_ms":1,"upstream_total":3}""", requestId: 7));

        var failover = Assert.IsType<StationFailover>(e.Payload);
        Assert.Equal(("relay", 3, next), (failover.StationName, failover.UpstreamTotal!.Value, failover.NextAction));
        Assert.Equal([0, 2], failover.AvoidedIndices);
    }

    [Fact]
    public void Parse_CrossStationFailoverBlocked_ReadsTheLimits()
    {
        var e = Parse(Envelope("cross_station_failover_blocked", """{"allow_cross_station_before_first_output":false,"configured_provider_max_attempts":2,"effective_provider_max_attempts":1,"event":"cross_station_failover_blocked","provider_strategy":"failover","request_id":31,"service":"codex","station_name":"alpha","ts_ms":1}""", requestId: 31));

        Assert.Equal(new CrossStationFailoverBlocked("alpha", "failover", 2, 1, false), e.Payload);
    }

    [Fact]
    public void Parse_ProviderRuntimeOverride_NormalisesTheDebugStateName()
    {
        var e = Parse(Envelope("provider_runtime_override", """{"base_urls":["https://north.example.test/v1"],"clear_enabled":false,"clear_runtime_state":false,"enabled":null,"endpoint_name":"default","event":"provider_runtime_override","provider_name":"north","runtime_state":"breakeropen","service":"codex","ts_ms":1}"""));

        var change = Assert.IsType<ProviderRuntimeOverride>(e.Payload);
        Assert.Equal(("north", "default", "breaker_open", null), (change.ProviderName, change.EndpointName, change.RuntimeState, change.Enabled));
        Assert.Equal(["https://north.example.test/v1"], change.BaseUrls);
    }

    [Fact]
    public void Parse_RequestCompleted_ReadsTheMirroredRecordAndItsIds()
    {
        var e = Parse("""{"ts_ms":1760000010000,"kind":"request_completed","service":"codex","request_id":41,"trace_id":"codex-41","event":"request_completed","detail":{"type":"request_completed"},"payload":{"duration_ms":9000,"method":"POST","path":"/v1/responses","request_id":41,"service":"codex","status_code":200,"timestamp_ms":1760000010000,"trace_id":"codex-41","upstream_base_url":"https://north.example.test/v1"}}""");

        var request = Assert.IsType<RequestCompleted>(e.Payload).Request;
        Assert.Equal(("request_completed", "codex-41", 200, 9000L), (e.Kind, e.TraceId, request.StatusCode, request.DurationMs));
    }

    [Fact]
    public void Parse_EntryWithoutTraceId_DerivesItFromServiceAndRequestId()
    {
        var e = Parse("""{"ts_ms":1,"kind":"retry_trace","service":"claude","request_id":5,"event":"same_station_failover","payload":{"avoided_indices":[0],"event":"same_station_failover","request_id":5,"service":"claude","station_name":"s","ts_ms":1,"upstream_total":2}}""");

        Assert.Equal("claude-5", e.TraceId);
    }

    [Theory]
    [InlineData("attempt_transport_error")]
    [InlineData("attempt_body_read_error")]
    [InlineData("attempt_retryable_failure")]
    [InlineData("attempt_final_retryable_failure")]
    [InlineData("attempt_no_upstream")]
    public void Parse_OldRetryTraceLines_ReadAsBarePayloadsWithTheirOldEvents(string name)
    {
        var e = Parse($$"""{"event":"{{name}}","request_id":9,"service":"codex","station_name":"relay","status_code":502,"ts_ms":1700000000000,"upstream_base_url":"https://a.relay.test/v1","upstream_index":1}""");

        Assert.Equal((TraceEventNames.RetryTraceKind, name, "codex-9"), (e.Kind, e.Name, e.TraceId));
        Assert.Equal(new LegacyAttemptOutcome("relay", "https://a.relay.test/v1", 1, 502, null), e.Payload);
    }

    [Fact]
    public void Parse_UnknownEvent_IsKeptByName()
    {
        var e = Parse(Envelope("upstream_stream_error", """{"event":"upstream_stream_error","service":"codex","ts_ms":1,"whatever":[1,{"x":2}]}"""));

        Assert.Equal(("upstream_stream_error", OtherEvent.Instance), (e.Name, e.Payload));
    }

    [Fact]
    public void Parse_UnwantedEvent_IsFilteredAfterItsEnvelopeAndACutOneIsStillCaught()
    {
        var parser = new TraceLineParser(name => name == "retry_options");
        var completed = """{"ts_ms":1,"kind":"request_completed","service":"codex","event":"request_completed","payload":{"service":"codex","status_code":200,"timestamp_ms":1,"duration_ms":1}}""";

        Assert.Null(parser.Parse(Encoding.UTF8.GetBytes(completed)));
        Assert.Throws<System.Text.Json.JsonException>(() => parser.Parse(Encoding.UTF8.GetBytes(completed[..60])));
    }

    [Fact]
    public void Parse_RepeatedPayloads_ParseToTheSameRecordAsTheFirst()
    {
        var parser = new TraceLineParser(null);
        string Line(long ts, long id) => Envelope("retry_options", $$"""{"event":"retry_options","request_id":{{id}},"service":"codex","transport_cooldown_secs":7,"ts_ms":{{ts}}}""", requestId: id).Replace("1760000000100", ts.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var first = parser.Parse(Encoding.UTF8.GetBytes(Line(100, 1)))!;
        var second = parser.Parse(Encoding.UTF8.GetBytes(Line(2000, 22)))!;

        Assert.Equal((2000L, 22L, "codex-22"), (second.TsMs, second.RequestId, second.TraceId));
        Assert.Same(first.Payload, second.Payload);
        Assert.Equal(7UL, ((RetryOptions)second.Payload).Policy.TransportCooldownSecs);
    }

    [Fact]
    public void Read_TraceWithCorruptLines_CountsThemAndKeepsTheRest()
    {
        using var dir = new TempDirectory();
        var good = Envelope("same_station_failover", """{"avoided_indices":[0],"event":"same_station_failover","service":"codex","station_name":"s","ts_ms":1,"upstream_total":2}""", requestId: 1);
        var path = dir.Write("control_trace.jsonl", good, good[..50], """{"ts_ms":"soon","kind":"retry_trace","event":"x","payload":null}""", "not json at all", good);
        var malformed = new MalformedLines();

        var events = new ControlTraceReader(LogFileSet.Resolve(path), malformed).Read().ToList();

        Assert.Equal(2, events.Count);
        Assert.Equal([(2L, LineProblem.Truncated), (3, LineProblem.WrongShape), (4, LineProblem.BadJson)], malformed.Examples.Select(m => (m.Line, m.Problem)));
    }
}
