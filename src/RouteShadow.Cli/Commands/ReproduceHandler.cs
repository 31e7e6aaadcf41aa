using System.Text;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.Scenarios;
using RouteShadow.Upstreams;
using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Cli.Commands;

/// <summary>
/// Runs <c>routeshadow reproduce</c>: starts the scenario's upstreams, plays its request once per
/// engine, writes the lifecycles (and their differences) to stdout, exit 1 when they differ.
/// </summary>
internal sealed class ReproduceHandler(StandardStreams streams, TimeProvider clock, ILogger<ReproduceHandler> logger)
{
    public async Task<int> RunAsync(ReproduceOptions options, CancellationToken cancellationToken)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Read(await File.ReadAllBytesAsync(options.Scenario, cancellationToken));
        }
        catch (Exception ex) when (ex is ScenarioFormatException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("{Scenario}: {Problem}", options.Scenario, ex.Message);
            return ExitCodes.InputError;
        }

        if (scenario.Harn is not null)
        {
            // A harn call plays against its scripted outcomes: no upstream servers to start.
            var (ledgers, matches) = Reproducing.HarnReproduction.Render(scenario, options.Format);
            streams.Output.Write(Encoding.UTF8.GetBytes(ledgers));
            streams.Output.Flush();
            return matches ? ExitCodes.Success : ExitCodes.Failure;
        }

        IRoutingEngine[] engines = options.Engines switch
        {
            EngineChoice.Legacy => [new LegacyEngine()],
            EngineChoice.Executor => [new ExecutorEngine()],
            _ => [new LegacyEngine(), new ExecutorEngine()],
        };

        await using var trace = options.TraceOut is { } path ? new StreamWriter(path, append: true, new UTF8Encoding(false)) : null;
        using var farm = UpstreamFarm.Start(scenario);
        logger.LogInformation("started {Count} upstreams for {Scenario}", farm.BaseUrls.Count, options.Scenario);
        var lifecycles = await new Reproducer(ReproductionOptions.Default(clock) with { TraceOut = trace })
            .RunAsync(scenario, farm, engines, cancellationToken);
        var differences = lifecycles.Count == 2 ? LifecycleDiff.Between(lifecycles[0], lifecycles[1]) : [];

        var text = options.Format == OutputFormat.Table
            ? ReproduceReport.Table(scenario, lifecycles, differences, options.KeepRunning ? farm : null)
            : ReproduceReport.Json(scenario, lifecycles, differences, options.KeepRunning ? farm : null) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();

        if (options.KeepRunning)
        {
            logger.LogInformation("upstreams are up; stop the process to shut them down");
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken);
        }

        return differences.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
