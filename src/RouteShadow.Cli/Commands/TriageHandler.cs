using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Input;
using RouteShadow.Cli.Output;
using RouteShadow.Cli.Replaying;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Triage;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Cli.Commands;

/// <summary>
/// Runs <c>routeshadow triage</c>: reads the trace once (or follows it), writes the outputs in
/// <c>--out</c> and prints the summary on stdout — one JSON object, or the groups as a table.
/// </summary>
internal sealed class TriageHandler(
    ShadowRunner runner, StandardStreams streams, TimeProvider clock, IEnvironment environment, ILoggerFactory loggers, ILogger<TriageHandler> logger)
{
    public async Task<int> RunAsync(TriageCommandOptions options, CancellationToken cancellationToken)
    {
        var triage = Resolve(options);
        var malformed = new MalformedLines();
        var malformedLog = new MalformedLineLog(malformed, logger);
        CheckShadowFlag();

        TriageSummary summary;
        IReadOnlyList<TriageGroup> groups;
        using (var session = new TriageSession(triage, runner, malformed))
        {
            logger.LogInformation("triaging {Trace}{Config}", triage.Inputs[0], triage.Config is null ? " (stations from the attempt lists)" : $" against {triage.Inputs[1]}");
            summary = options.Follow ? await FollowAsync(session, options, cancellationToken) : Once(session, cancellationToken);
            groups = session.Groups.Ordered;
        }

        malformedLog.Finish(TriageOutputs.MarkdownFile);
        if (summary.Events == 0)
        {
            logger.LogInformation("no {Event} events: codex-helper writes them only with {Variable} set to 1, true, yes or on", "route_executor_shadow_mismatch", ShadowTraceFlag.Variable);
        }

        logger.LogInformation("wrote {Out}: scenarios/, groups.jsonl, summary.csv, report.md", options.Out);
        var text = options.Format == OutputFormat.Table ? TriageSummaryText.Table(summary, groups) : Encoding.UTF8.GetString(summary.ToJson()) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();
        return summary.Events > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static TriageSummary Once(TriageSession session, CancellationToken cancellationToken)
    {
        session.Poll(cancellationToken);
        session.Complete();
        return session.Flush();
    }

    /// <summary>
    /// Runs the follow as a hosted service until cancelled, then stops it, which writes everything.
    /// On the process's console the host's console lifetime turns Ctrl-C and SIGTERM into a stop
    /// instead of an exit, so the outputs are written first.
    /// </summary>
    private async Task<TriageSummary> FollowAsync(TriageSession session, TriageCommandOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "routeshadow" });
        builder.Services
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(session)
            .AddSingleton(new FollowSettings(options.Interval, FollowSettings.DefaultPollInterval))
            .AddSingleton(clock)
            .AddSingleton(streams)
            .AddSingleton<TriageFollowService>()
            .AddHostedService(services => services.GetRequiredService<TriageFollowService>())
            .Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        if (!streams.IsProcessConsole)
        {
            // In-process (tests, embedding): the caller's token stops the follow; no process-wide signal handlers.
            builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        }

        using var host = builder.Build();
        var follow = host.Services.GetRequiredService<TriageFollowService>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        logger.LogInformation("following {Trace}: a summary every {Interval} s; Ctrl-C stops and writes the outputs", options.Trace, options.Interval.TotalSeconds);
        await host.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C, SIGTERM or the caller: stop the service, which writes every output on its way out.
        }

        await host.StopAsync(CancellationToken.None);
        if (follow.Failure is { } failure)
        {
            throw failure is IOException or UnauthorizedAccessException ? new UsageException($"{options.Trace}: {failure.Message}") : failure;
        }

        return follow.Summary!;
    }

    private TriageOptions Resolve(TriageCommandOptions options)
    {
        if (!options.Follow && LogFileSet.Resolve(options.Trace).Files.Count == 0)
        {
            throw new UsageException($"{options.Trace}: no such control trace (nor rotated files of it)");
        }

        var configPath = options.Config ?? ReplaySources.FindConfig(Path.GetDirectoryName(Path.GetFullPath(options.Trace))!);
        var config = configPath is null ? null : ReplaySources.Read(configPath);
        var since = TriageSince.Parse(options.Since, clock);
        string[] named = [options.Trace, .. configPath is null ? Array.Empty<string>() : [configPath]];
        return new TriageOptions(options.Trace, config, since, options.Out, [.. named.Select(ReplaySources.Shown)]);
    }

    /// <summary>On the staging box itself the variable is usually set here too: say so when codex-helper would read it as off.</summary>
    private void CheckShadowFlag()
    {
        if (environment.Get(ShadowTraceFlag.Variable) is { } value && !ShadowTraceFlag.IsSet(environment))
        {
            logger.LogWarning("{Variable}={Value} here: codex-helper reads that as off (it accepts only 1, true, yes or on)", ShadowTraceFlag.Variable, value);
        }
    }
}
