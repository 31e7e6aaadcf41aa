using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Tests.Support;

namespace RouteShadow.Upstreams.Tests.Fixtures;

/// <summary>Each file of <c>fixtures/reproduce/</c>, played over HTTP with both engines.</summary>
public sealed class ReproduceFixturesTests
{
    private const string A0 = "https://a0.example.test/v1";
    private const string A1 = "https://a1.example.test/v1";

    [Fact]
    public async Task TooManyRequests_RetriesOnceThenFailsOver()
    {
        var (legacy, executor) = await Reproductions.RunAsync("429-then-failover.json");

        foreach (var run in new[] { legacy, executor })
        {
            Console.Error.WriteLine(run.Response + string.Join("\n", run.Attempts) + "\n" + string.Join("\n", run.Received.Select(kv => kv.Key + " " + string.Join(";", kv.Value))));
            Assert.Equal(2, run.Count(A0));
            Assert.Equal(1, run.Count(A1));
            Assert.Equal(200, run.Response.Status);
            Assert.Equal(
                [AttemptOutcome.RetrySameUpstream, AttemptOutcome.NextTarget, AttemptOutcome.Success],
                run.Attempts.Select(a => a.Outcome));
            var alpha = run.State("alpha");
            Assert.Equal([3u, 0u], alpha.FailureCounts);
            Assert.NotNull(alpha.CooldownUntil[0]);
            Assert.Equal(1, alpha.LastGoodIndex);
            Assert.Equal(200, run.NominalWaitMs);
        }
    }
}
