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
using RouteShadow.Upstreams.Proxy;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Cli.Commands;

/// <summary>
/// Runs <c>routeshadow reproduce</c>: starts the scenario's upstreams, plays its request once per
/// engine, writes the lifecycles (and their differences) to stdout, exit 1 when they differ. With
/// <c>--proxy</c>, writes a codex-helper config and sends the request through that proxy instead.
/// </summary>
internal sealed class ReproduceHandler(StandardStreams streams, TimeProvider clock, ILogger<ReproduceHandler> logger)
{
    /// <summary>A proxy's whole answer, its own retries and real-time waits included.</summary>
    private static readonly TimeSpan ProxyTimeout = TimeSpan.FromSeconds(60);

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

        if (scenario.GoModel is not null)
        {
            return GoModel.GoModelReproduce.Run(scenario, options.Format, streams.Output);
        }

        if (scenario.Harn is not null)
        {
            // A harn call plays against its scripted outcomes: no upstream servers to start.
            var (ledgers, matches) = Harn.HarnReproduction.Render(scenario, options.Format);
            streams.Output.Write(Encoding.UTF8.GetBytes(ledgers));
            streams.Output.Flush();
            return matches ? ExitCodes.Success : ExitCodes.Failure;
        }

        using var farm = UpstreamFarm.Start(scenario);
        logger.LogInformation("started {Count} upstreams for {Scenario}", farm.BaseUrls.Count, options.Scenario);
        var exitCode = options.Proxy is { } proxy
            ? await ThroughProxyAsync(scenario, farm, proxy, options, cancellationToken)
            : await ThroughLoopAsync(scenario, farm, options, cancellationToken);

        if (options.KeepRunning && exitCode != ExitCodes.InputError)
        {
            logger.LogInformation("{Count} upstreams are up at the addresses listed; Ctrl-C or SIGTERM shuts them down", farm.BaseUrls.Count);
            await UntilStoppedAsync(cancellationToken);
            logger.LogInformation("shutting the upstreams down");
        }

        return exitCode;
    }

    private async Task<int> ThroughLoopAsync(Scenario scenario, UpstreamFarm farm, ReproduceOptions options, CancellationToken cancellationToken)
    {
        IRoutingEngine[] engines = options.Engines switch
        {
            EngineChoice.Legacy => [new LegacyEngine()],
            EngineChoice.Executor => [new ExecutorEngine()],
            _ => [new LegacyEngine(), new ExecutorEngine()],
        };

        await using var trace = options.TraceOut is { } path ? new StreamWriter(path, append: true, new UTF8Encoding(false)) : null;
        var lifecycles = await new Reproducer(ReproductionOptions.Default(clock) with { TraceOut = trace })
            .RunAsync(scenario, farm, engines, cancellationToken);
        var differences = lifecycles.Count == 2 ? LifecycleDiff.Between(lifecycles[0], lifecycles[1]) : [];

        var running = options.KeepRunning ? farm : null;
        Write(options.Format == OutputFormat.Table
            ? ReproduceReport.Table(scenario, lifecycles, differences, running)
            : ReproduceReport.Json(scenario, lifecycles, differences, running));
        return differences.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private async Task<int> ThroughProxyAsync(Scenario scenario, UpstreamFarm farm, Uri proxy, ReproduceOptions options, CancellationToken cancellationToken)
    {
        var configPath = options.WriteConfig!;
        try
        {
            await File.WriteAllBytesAsync(configPath, CodexHelperConfig.ToUtf8(scenario, farm), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{Config}: cannot write the config ({Problem})", configPath, ex.Message);
            return ExitCodes.InputError;
        }

        // Credentials in the URL stay out of every output.
        var shown = proxy.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        logger.LogInformation("wrote a codex-helper config to {Config}; sending the request through {Proxy}", configPath, shown);
        ProxyRun run;
        try
        {
            run = await new ProxyDriver(clock, ProxyTimeout).RunAsync(scenario, farm, proxy, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            logger.LogError("{Proxy}: {Problem}", shown, ex.Message);
            return ExitCodes.InputError;
        }

        var running = options.KeepRunning ? farm : null;
        Write(options.Format == OutputFormat.Table
            ? ReproduceReport.ProxyTable(scenario, shown, run, running)
            : ReproduceReport.ProxyJson(scenario, shown, configPath, run, running));
        return ExitCodes.Success;
    }

    private void Write(string report)
    {
        streams.Output.Write(Encoding.UTF8.GetBytes(report.EndsWith('\n') ? report : report + "\n"));
        streams.Output.Flush();
    }

    /// <summary>With <c>--keep-running</c> being stopped is how the run ends, not a cancellation of it.</summary>
    private async Task UntilStoppedAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the farm shuts down as the handler returns.
        }
    }
}
