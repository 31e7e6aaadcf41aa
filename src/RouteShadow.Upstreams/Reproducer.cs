using RouteShadow.Core.Engines;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Core.Shadow;
using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Retry;
using RouteShadow.Upstreams.Servers;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Upstreams;

/// <summary>Where and how a reproduction runs.</summary>
/// <param name="Waits">The clock the loop reads and sleeps on, and how much its waits are compressed.</param>
/// <param name="AttemptTimeout">
/// How long one HTTP attempt (send and body) may take, in real time, before it counts as a transport
/// error. codex-helper's client has none; a reproduction needs one to stay bounded.
/// </param>
/// <param name="TraceOut">Receives <c>route_executor_shadow_mismatch</c> lines when the shadow flag is set; null writes none.</param>
public sealed record ReproductionOptions(Waits Waits, TimeSpan AttemptTimeout, IEnvironment Environment, TextWriter? TraceOut = null)
{
    public static ReproductionOptions Default(TimeProvider clock) =>
        new(new Waits(clock), TimeSpan.FromSeconds(2), ProcessEnvironment.Instance);
}

/// <summary>
/// Plays a scenario's request against its upstream farm once per engine, each from the scenario's
/// starting state and the upstreams' first answers, and returns each engine's lifecycle.
/// </summary>
public sealed class Reproducer(ReproductionOptions options)
{
    private const long RequestId = 1;

    public async Task<IReadOnlyList<Lifecycle>> RunAsync(
        Scenario scenario, UpstreamFarm farm, IReadOnlyList<IRoutingEngine> engines, CancellationToken cancellationToken = default)
    {
        var clock = options.Waits.Clock;
        var plan = RetryPlan.From(scenario.Retry ?? RetrySettings.Balanced);
        var request = scenario.Request.Http ?? HttpRequestSpec.Default;
        TraceShadowMismatch(scenario, clock.GetUtcNow().ToUnixTimeMilliseconds());

        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        await UpstreamFarm.WarmUpAsync(http, cancellationToken).ConfigureAwait(false);
        var lifecycles = new List<Lifecycle>();
        foreach (var engine in engines)
        {
            farm.Rewind();
            var question = ScenarioBuilder.Build(scenario, clock.GetUtcNow().ToUnixTimeMilliseconds());
            var attemptPlan = engine.Plan(question);
            var states = question.States.Clone();
            var loop = new AttemptLoop(http, plan, options.Waits, options.AttemptTimeout);
            var started = clock.GetTimestamp();
            var response = await loop.RunAsync(question, attemptPlan, states, request, farm.AddressOf, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(started);
            var received = farm.BaseUrls.ToDictionary(url => url, farm.ReceivedBy, StringComparer.Ordinal);
            lifecycles.Add(new Lifecycle(engine.Name, attemptPlan, loop.Attempts, response, received, elapsed, loop.NominalWaitMs, states));
        }

        return lifecycles;
    }

    /// <summary>codex-helper's staging shadow: during preparation, before any HTTP call, on a disagreement of the plans.</summary>
    private void TraceShadowMismatch(Scenario scenario, long nowMs)
    {
        if (options.TraceOut is not { } traceOut || !ShadowTraceFlag.IsSet(options.Environment))
        {
            return;
        }

        var report = ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, nowMs)).Report;
        if (!report.Matches)
        {
            traceOut.WriteLine(ShadowMismatchTrace.Line(scenario.Service, RequestId, scenario.Request.Model, report, nowMs));
        }
    }
}
