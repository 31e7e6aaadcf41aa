using System.Text;
using RouteShadow.Core.Engines;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Timeline;
using static RouteShadow.Traces.Tests.Support.Logs;

namespace RouteShadow.Traces.Tests.Timeline;

public class RecordingTests
{
    private const string A = "https://a.test/v1";
    private const string B = "https://b.test/v1";

    private static readonly ServiceRouting Routing = ConfigReader.Parse(StationsConfig(("s", [A, B])), "c.json").For("codex")!;
    private static readonly RetryPolicy Policy = RetryPolicy.ForProfile(RetryPolicy.Balanced)!;

    private static Recording Read(string line, params long[] attemptStarts)
    {
        var plan = new StationPlan(Routing.DefaultPlan(), PlanSource.Config, Routing);
        return Recording.Read(RequestLineParser.Parse(Encoding.UTF8.GetBytes(line)), plan, Policy, attemptStarts);
    }

    [Fact]
    public void Read_HealthNeutralAndTargetBuildFailovers_ChangeNothing()
    {
        var recording = Read(Request(1, 1_000, 2_000, 200, ("s", 1, B),
            Row("s", 0, A, "failed_status", status: 404, duration: 100, cooldown: 30, errorClass: "routing_mismatch_capability"),
            Row("s", 1, B, "failed_target_build"),
            Row("s", 1, B, "completed", status: 200, duration: 900, upstreamAttempt: 2)));

        Assert.Equal([new ProductionAttempt(new UpstreamRef("s", 0), AttemptDecision.Selected), new ProductionAttempt(new UpstreamRef("s", 1), AttemptDecision.Selected)], recording.Attempts);
        Assert.Equal([(OutcomeKind.Success, 1_900L)], recording.Outcomes.Select(o => (o.Kind, o.AtMs)));
    }

    [Fact]
    public void Read_TransportFailover_IsPenalisedWithTheLoggedCooldownWhenItsAttemptEnded()
    {
        var line = Request(1, 1_000, 2_000, 200, ("s", 1, B),
            Row("s", 0, A, "failed_transport", duration: 10, errorClass: "upstream_transport_error"),
            Row("s", 0, A, "failed_transport", duration: 20, cooldown: 45, upstreamAttempt: 2, errorClass: "upstream_transport_error"),
            Row("s", 1, B, "completed", status: 200, duration: 800));

        var traced = Read(line, 1_002, 1_300, 1_330);
        var untraced = Read(line);

        var penalty = traced.Outcomes[0];
        Assert.Equal((OutcomeKind.Penalty, 45UL, 1_320L), (penalty.Kind, penalty.CooldownSecs, penalty.AtMs));
        Assert.Equal(1_030L, untraced.Outcomes[0].AtMs);
        Assert.Equal(2, traced.Attempts.Count);
    }

    [Theory]
    [InlineData(422, OutcomeKind.Failure)]
    [InlineData(400, OutcomeKind.Ambiguous)]
    [InlineData(402, null)]
    public void Read_ReturnedErrorWithoutRows_CountsAFailureOnlyWhenThePlanSaysNeverRetry(int status, OutcomeKind? expected)
    {
        var recording = Read(Request(1, 1_000, 1_100, status, ("s", 0, A)));

        Assert.Equal(expected, recording.Outcomes.SingleOrDefault()?.Kind);
    }

    [Fact]
    public void Read_ExhaustedRequest_PenalisesItsLastAttemptToo()
    {
        var recording = Read(Request(1, 1_000, 2_000, 503, null,
            Row("s", 0, A, "failed_status", status: 503, duration: 300, cooldown: 30),
            Row("s", 1, B, "failed_status", status: 503, duration: 900, cooldown: 30)));

        Assert.Equal([OutcomeKind.Penalty, OutcomeKind.Penalty], recording.Outcomes.Select(o => o.Kind));
    }

    [Fact]
    public void Read_TargetOutsideThePlan_IsAProblem()
    {
        var recording = Read(Request(1, 1_000, 2_000, 200, ("s", 1, B), Row("s", 5, A, "completed", status: 200, duration: 10)));

        Assert.Contains("not in the station plan", recording.Problem, StringComparison.Ordinal);
    }
}
