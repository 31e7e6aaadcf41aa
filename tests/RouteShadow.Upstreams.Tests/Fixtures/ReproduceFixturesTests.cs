using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Retry;
using RouteShadow.Upstreams.Tests.Support;

namespace RouteShadow.Upstreams.Tests.Fixtures;

/// <summary>
/// Each file of <c>fixtures/reproduce/</c>, played over HTTP on the loopback with both engines:
/// the requests each upstream received, the client's status, and the state afterwards.
/// </summary>
public sealed class ReproduceFixturesTests
{
    private const string A0 = "https://a0.example.test/v1";
    private const string A1 = "https://a1.example.test/v1";
    private const string B0 = "https://b0.example.test/v1";
    private const string B1 = "https://b1.example.test/v1";

    [Fact]
    public async Task TooManyRequests_RetriesOnceThenFailsOver()
    {
        foreach (var run in await BothAsync("429-then-failover.json"))
        {
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(1, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.Equal([AttemptOutcome.RetrySameUpstream, AttemptOutcome.NextTarget, AttemptOutcome.Success], Outcomes(run));
            var alpha = run.State("alpha");
            Assert.Equal([3u, 0u], alpha.FailureCounts);
            Assert.NotNull(alpha.CooldownUntil[0]);
            Assert.Equal(1, alpha.LastGoodIndex);
            Assert.Equal(200, run.NominalWaitMs);
        }
    }

    [Fact]
    public async Task TransportErrors_RetriedThenCoolDown()
    {
        foreach (var run in await BothAsync("transport-errors-retried-then-cooldown.json"))
        {
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(1, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.All(run.Attempts.Take(2), a => Assert.Equal(ErrorClasses.UpstreamTransportError, a.ErrorClass));
            var alpha = run.State("alpha");
            Assert.Equal([3u, 0u], alpha.FailureCounts);
            Assert.Equal([1u, 0u], alpha.PenaltyStreak);
            Assert.NotNull(alpha.CooldownUntil[0]);
        }
    }

    [Fact]
    public async Task CloudflareChallenge_RetriedAsItsClassThenFailsOver()
    {
        foreach (var run in await BothAsync("cloudflare-challenge.json"))
        {
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(1, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.All(run.Attempts.Take(2), a => Assert.Equal(ErrorClasses.CloudflareChallenge, a.ErrorClass));
            Assert.Equal([3u, 0u], run.State("alpha").FailureCounts);
        }
    }

    [Fact]
    public async Task NonRetryable400_ReturnedAtOnceWithOneFailure()
    {
        foreach (var run in await BothAsync("never-retried-400.json"))
        {
            Assert.Equal(1, run.Count(A0));
            Assert.Equal(0, run.Count(A1));
            Assert.Equal(400, run.Response.Status);
            Assert.Equal([AttemptOutcome.NeverRetry], Outcomes(run));
            var alpha = run.State("alpha");
            Assert.Equal([1u, 0u], alpha.FailureCounts);
            Assert.Null(alpha.CooldownUntil[0]);
        }
    }

    [Fact]
    public async Task AllCoolingDown_FailsFastWithoutAnyHttpCall()
    {
        foreach (var run in await BothAsync("all-upstreams-cooling-down.json"))
        {
            Assert.Equal(0, run.Count(A0));
            Assert.Equal(0, run.Count(A1));
            Assert.Empty(run.Attempts);
            Assert.Equal(502, run.Response.Status);
            Assert.Equal("no upstreams available", run.Response.Body);
            Assert.Equal([3u, 3u], run.State("alpha").FailureCounts);
        }
    }

    [Fact]
    public async Task SseStream_ForwardedWhole()
    {
        foreach (var run in await BothAsync("sse-success.json"))
        {
            Assert.Equal(1, run.Count(A0));
            Assert.Equal(0, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.Contains("data: {\"type\":\"response.completed\"", run.Response.Body, StringComparison.Ordinal);
            Assert.Equal([AttemptOutcome.StreamCompleted], Outcomes(run));
            Assert.Equal(0, run.State("alpha").LastGoodIndex);
        }
    }

    [Fact]
    public async Task ConnectionReset_MidBody_IsABodyReadErrorThenFailover()
    {
        foreach (var run in await BothAsync("connection-reset-mid-body.json"))
        {
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(1, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.All(run.Attempts.Take(2), a =>
            {
                Assert.Equal(200, a.Status);
                Assert.Equal(ErrorClasses.UpstreamBodyReadError, a.ErrorClass);
            });
            Assert.Equal([3u, 0u], run.State("alpha").FailureCounts);
        }
    }

    [Fact]
    public async Task NoAnswer_TimesOutAsATransportErrorThenFailsOver()
    {
        var (legacy, executor) = await Reproductions.RunAsync("no-answer-timeout-then-failover.json", attemptTimeout: TimeSpan.FromSeconds(1));

        foreach (var run in new[] { legacy, executor })
        {
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(1, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.Equal([AttemptOutcome.RetrySameUpstream, AttemptOutcome.NextTarget, AttemptOutcome.Success], Outcomes(run));
            Assert.All(run.Attempts.Take(2), a =>
            {
                Assert.Null(a.Status);
                Assert.Equal("timeout", a.Fault);
                Assert.Equal(ErrorClasses.UpstreamTransportError, a.ErrorClass);
            });
            var alpha = run.State("alpha");
            Assert.Equal([3u, 0u], alpha.FailureCounts);
            Assert.Equal([1u, 0u], alpha.PenaltyStreak);
            Assert.NotNull(alpha.CooldownUntil[0]);
            Assert.Equal(1, alpha.LastGoodIndex);
        }
    }

    [Fact]
    public async Task RetryAfter_SetsTheSameUpstreamWait()
    {
        foreach (var run in await BothAsync("retry-after-honoured.json"))
        {
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(0, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.Equal(1000, run.Attempts[0].WaitMs);
            Assert.Equal(1000, run.NominalWaitMs);
            Assert.Equal([0u, 0u], run.State("alpha").FailureCounts);
        }
    }

    [Fact]
    public async Task SecondStationSticky_EnginesAnswerFromDifferentUpstreams()
    {
        var (legacy, executor) = await Reproductions.RunAsync("divergence-second-station-sticky.json");

        Assert.Equal((2, 0, 1), (legacy.Count(A0), legacy.Count(B0), legacy.Count(B1)));
        Assert.Equal((2, 1, 0), (executor.Count(A0), executor.Count(B0), executor.Count(B1)));
        Assert.Equal(200, legacy.Response.Status);
        Assert.Equal(200, executor.Response.Status);
        Assert.Equal(1, legacy.State("beta").LastGoodIndex);
        Assert.Equal(0, executor.State("beta").LastGoodIndex);
        Assert.Equal([3u], legacy.State("alpha").FailureCounts);
        Assert.Equal([3u], executor.State("alpha").FailureCounts);
    }

    private static async Task<Lifecycle[]> BothAsync(string fileName)
    {
        var (legacy, executor) = await Reproductions.RunAsync(fileName);
        return [legacy, executor];
    }

    private static AttemptOutcome[] Outcomes(Lifecycle run) => [.. run.Attempts.Select(a => a.Outcome)];
}
