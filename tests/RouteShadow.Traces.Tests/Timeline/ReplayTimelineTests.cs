using RouteShadow.Core.Engines;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Replay;
using RouteShadow.Traces.Tests.Support;
using static RouteShadow.Traces.Tests.Support.Logs;

namespace RouteShadow.Traces.Tests.Timeline;

/// <summary>
/// The rebuilt state, request by request: recorded outcomes applied at their own times, lines put
/// back in start order, restarts, reloads, and the requests that cannot be rebuilt.
/// </summary>
public class ReplayTimelineTests
{
    private const string A = "https://a.relay.test/v1";
    private const string B = "https://b.relay.test/v1";
    private const string C = "https://c.relay.test/v1";

    private static readonly ProxyConfig Relay = ConfigReader.Parse(StationsConfig(("relay", [A, B])), "config.json");

    private static string GraphSelection(long ts, string candidates) =>
        "{\"ts_ms\":" + ts + ",\"kind\":\"retry_trace\",\"service\":\"codex\",\"event\":\"lbs_for_request\",\"payload\":{\"candidate_count\":2,\"entry\":\"main\","
        + "\"event\":\"lbs_for_request\",\"mode\":\"v4_route_plan_ir\",\"provider_endpoint_candidates\":" + candidates + ",\"service\":\"codex\",\"ts_ms\":" + ts + "}}";

    private static IReadOnlyList<string> Legacy(RequestResult result) => [.. result.Comparison!.Report.LegacyAttempts.Select(a => a.UpstreamRef)];

    [Fact]
    public void Replay_PenaltyOnAnUpstream_IsSeenByTheNextRequestUntilItsCooldownEnds()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl",
            Request(1, 1_000, 1_600, 200, ("relay", 1, B),
                Row("relay", 0, A, "failed_transport", duration: 5, cooldown: 30, errorClass: "upstream_transport_error"),
                Row("relay", 1, B, "completed", status: 200, duration: 600)),
            Request(2, 10_000, 10_500, 200, ("relay", 1, B)),
            Request(3, 40_000, 40_500, 200, ("relay", 1, B)));

        var (results, _) = Replays.Run(requests, null, [Relay]);

        Assert.All(results.Results, r => Assert.True(r.IsReplayed, r.ProblemDetail));
        Assert.Equal(["relay#0", "relay#1"], Legacy(results["codex-1"]));
        Assert.Equal(["relay#1"], Legacy(results["codex-2"]));
        Assert.Equal(["relay#1", "relay#0"], Legacy(results["codex-3"]));
        Assert.All(results.Results, r => Assert.True(r.Fidelity!.Executor.Explains));
    }

    [Fact]
    public void Replay_LinesWrittenInEndOrder_AreReplayedInStartOrder()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl",
            Request(2, 2_000, 2_500, 200, ("relay", 1, B)),
            Request(1, 1_000, 9_000, 200, ("relay", 1, B),
                Row("relay", 0, A, "failed_status", status: 502, duration: 200, cooldown: 30),
                Row("relay", 1, B, "completed", status: 200, duration: 400)));

        var (results, _) = Replays.Run(requests, null, [Relay]);

        Assert.Equal(["codex-1", "codex-2"], results.Results.Select(r => r.Request.TraceId));
        Assert.Equal(["relay#1"], Legacy(results["codex-2"]));
        Assert.True(results["codex-2"].Fidelity!.Executor.Explains);
    }

    [Fact]
    public void Replay_SameUpstreamRetriesAndReturnedResponses_ChangeTheStateAsTheProxyDoes()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl",
            Request(1, 1_000, 1_900, 200, ("relay", 0, A),
                Row("relay", 0, A, "failed_status", status: 503, duration: 300),
                Row("relay", 0, A, "completed", status: 200, duration: 900, upstreamAttempt: 2)),
            Request(2, 2_000, 2_100, 422, ("relay", 0, A)),
            Request(3, 3_000, 3_100, 422, ("relay", 0, A)),
            Request(4, 4_000, 4_100, 422, ("relay", 0, A)),
            Request(5, 5_000, 5_100, 200, ("relay", 1, B)));

        var (results, _) = Replays.Run(requests, null, [Relay]);

        Assert.Equal(["relay#0"], results["codex-1"].ProductionAttempts.Select(a => a.Target.ToString()));
        Assert.Equal(["relay#0", "relay#1"], Legacy(results["codex-4"]));
        Assert.Equal(["relay#1"], Legacy(results["codex-5"]));
    }

    [Fact]
    public void Replay_DropInRequestIds_IsARestartThatWipesTheState()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl",
            Request(1, 1_000, 1_600, 200, ("relay", 1, B),
                Row("relay", 0, A, "failed_transport", duration: 5, cooldown: 30, errorClass: "upstream_transport_error"),
                Row("relay", 1, B, "completed", status: 200, duration: 600)),
            Request(2, 2_000, 2_500, 200, ("relay", 1, B)),
            Request(1, 5_000, 5_400, 200, ("relay", 0, A)));

        var (results, _) = Replays.Run(requests, null, [Relay]);

        Assert.Equal(["relay#0", "relay#1"], Legacy(results.Results[2]));
        Assert.True(results.Results[2].Fidelity!.Executor.Explains);
    }

    [Fact]
    public void Replay_RequestLongerThanTheWindow_IsLate()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl",
            Request(2, 50_000, 50_100, 200, ("relay", 0, A)),
            Request(3, 57_000, 57_100, 200, ("relay", 0, A)),
            Request(1, 1_000, 60_000, 200, ("relay", 0, A)));

        var (results, _) = Replays.Run(requests, null, [Relay], new ReplayOptions { ReorderWindowMs = 5_000 });

        Assert.Equal(RebuildProblem.Late, results["codex-1"].Problem);
        Assert.True(results["codex-2"].IsReplayed);
    }

    [Fact]
    public void Replay_ConfigReloadShownByTheTrace_IsFollowedToTheNextConfig()
    {
        using var dir = new TempDirectory();
        var reloaded = ConfigReader.Parse(StationsConfig(("relay", [A, B, C])), "config.reloaded.json");
        var requests = dir.Write("requests.jsonl",
            Request(1, 1_000, 1_100, 200, ("relay", 0, A)),
            Request(2, 5_000, 5_300, 200, ("relay", 2, C),
                Row("relay", 0, A, "failed_status", status: 500, duration: 100, cooldown: 30),
                Row("relay", 1, B, "failed_status", status: 500, duration: 200, cooldown: 30),
                Row("relay", 2, C, "completed", status: 200, duration: 300)));
        var trace = dir.Write("control_trace.jsonl", Selection(1_001, ("relay", 2)), Selection(5_001, ("relay", 3)));

        var (results, _) = Replays.Run(requests, trace, [Relay, reloaded]);

        Assert.Equal(["relay#0", "relay#1"], Legacy(results["codex-1"]));
        Assert.Equal(["relay#0", "relay#1", "relay#2"], Legacy(results["codex-2"]));
        Assert.All(results.Results, r => Assert.Equal(RouteShadow.Traces.Timeline.PlanSource.Trace, r.Plan!.Source));
    }

    [Fact]
    public void Replay_StationTheConfigDoesNotHave_IsAConfigMismatch()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl", Request(1, 1_000, 1_100, 200, ("elsewhere", 0, A)));
        var trace = dir.Write("control_trace.jsonl", Selection(1_001, ("elsewhere", 1)));

        var (results, _) = Replays.Run(requests, trace, [Relay]);

        var result = Assert.Single(results.Results);
        Assert.Equal(RebuildProblem.ConfigMismatch, result.Problem);
        Assert.Contains("'elsewhere' is not in the config", result.ProblemDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_ModelRestrictedUpstreamWithoutAModel_IsUnknownUntilTheTraceNamesIt()
    {
        using var dir = new TempDirectory();
        var config = ConfigReader.Parse(
            "{\"codex\":{\"stations\":{\"relay\":{\"upstreams\":[{\"base_url\":\"" + A + "\",\"supported_models\":{\"gpt-4.1\":true}},{\"base_url\":\"" + B + "\"}]}}}}", "c.json");
        var requests = dir.Write("requests.jsonl", Request(1, 1_000, 1_100, 200, ("relay", 0, A)));
        var trace = dir.Write("control_trace.jsonl", AttemptSelect(1_002, 1, "gpt-4.1"));

        var (withoutTrace, _) = Replays.Run(requests, null, [config]);
        var (withTrace, _) = Replays.Run(requests, trace, [config]);

        Assert.Equal(RebuildProblem.ModelUnknown, Assert.Single(withoutTrace.Results).Problem);
        var replayed = Assert.Single(withTrace.Results);
        Assert.Equal(["relay#0", "relay#1"], Legacy(replayed));
        Assert.DoesNotContain(replayed.Comparison!.Report.ExecutorAttempts, a => a.Decision == AttemptDecision.SkippedCapabilityMismatch);
        Assert.True(replayed.Fidelity!.Executor.Explains);
    }

    [Fact]
    public void Replay_Returned400WithoutItsClass_LeavesTheUpstreamUnknownUntilItSucceeds()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl",
            Request(1, 1_000, 1_100, 400, ("relay", 0, A)),
            Request(2, 2_000, 2_100, 200, ("relay", 1, B),
                Row("relay", 0, A, "failed_status", status: 500, duration: 50, cooldown: 30),
                Row("relay", 1, B, "completed", status: 200, duration: 100)),
            Request(3, 3_000, 3_100, 200, ("relay", 1, B)),
            Request(4, 4_000, 4_100, 200, ("relay", 0, A)),
            Request(5, 5_000, 5_100, 200, ("relay", 0, A)));

        var (results, _) = Replays.Run(requests, null, [Relay]);

        Assert.Equal(
            [null, RebuildProblem.StateUnknown, RebuildProblem.StateUnknown, RebuildProblem.StateUnknown, null],
            results.Results.Select(r => r.Problem));
    }

    [Fact]
    public void Replay_RequestThatNeverRouted_IsReportedNotReplayed()
    {
        using var dir = new TempDirectory();
        var requests = dir.Write("requests.jsonl", """{"timestamp_ms":5000,"service":"codex","method":"POST","path":"/v1/responses","status_code":502,"duration_ms":1,"upstream_base_url":"-"}""");

        var (results, _) = Replays.Run(requests, null, [Relay]);

        Assert.Equal(RebuildProblem.NoRoutingDecision, Assert.Single(results.Results).Problem);
    }

    [Fact]
    public void Replay_RouteGraph_IsReplayedOnTheRoutingStationTheTraceCompiled()
    {
        using var dir = new TempDirectory();
        var config = ConfigReader.Parse("""{"version":5,"codex":{"providers":{"north":{"base_url":"https://north.test/v1"},"south":{"base_url":"https://south.test/v1"}},"routing":{"routes":{"main":{"children":["south","north"]}}}}}""", "c.json");
        var requests = dir.Write("requests.jsonl",
            """{"timestamp_ms":2000,"request_id":1,"trace_id":"codex-1","service":"codex","status_code":200,"duration_ms":1000,"provider_id":"north","endpoint_id":"default","provider_endpoint_key":"codex/north/default","upstream_base_url":"https://north.test/v1","retry":{"attempts":2,"upstream_chain":[],"route_attempts":[{"attempt_index":0,"provider_endpoint_key":"codex/south/default","upstream_base_url":"https://south.test/v1","decision":"failed_status","status_code":502,"duration_ms":300,"cooldown_secs":30,"model":"gpt-5","raw":""},{"attempt_index":1,"provider_endpoint_key":"codex/north/default","upstream_base_url":"https://north.test/v1","decision":"completed","status_code":200,"duration_ms":1000,"model":"gpt-5","raw":""}]}}""",
            """{"timestamp_ms":3000,"request_id":2,"trace_id":"codex-2","service":"codex","status_code":200,"duration_ms":500,"provider_id":"north","endpoint_id":"default","provider_endpoint_key":"codex/north/default","upstream_base_url":"https://north.test/v1"}""");
        var candidates = """[{"endpoint_id":"default","preference_group":0,"provider_endpoint_key":"codex/south/default","provider_id":"south","route_path":["main","south"]},{"endpoint_id":"default","preference_group":1,"provider_endpoint_key":"codex/north/default","provider_id":"north","route_path":["main","north"]}]""";
        var trace = dir.Write("control_trace.jsonl",
            GraphSelection(1001, candidates),
            GraphSelection(2501, candidates));

        var (results, _) = Replays.Run(requests, trace, [config]);

        Assert.Equal(["routing#0", "routing#1"], Legacy(results["codex-1"]));
        Assert.Equal(["routing#1"], Legacy(results["codex-2"]));
        Assert.True(results["codex-2"].Fidelity!.Executor.Explains);
    }
}
