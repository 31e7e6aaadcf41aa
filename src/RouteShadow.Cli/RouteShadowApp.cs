using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RouteShadow.Cli.Commands;
using RouteShadow.Cli.Hosting;
using Serilog;

namespace RouteShadow.Cli;

/// <summary>
/// The <c>routeshadow</c> command, runnable in-process: parses the arguments, runs the command,
/// and turns anything that escapes into a one-line error, never a stack trace.
/// </summary>
public static class RouteShadowApp
{
    private const string CommandName = "routeshadow";

    /// <returns>The process exit code: 0 all matched, 1 a mismatch or engine error, 2 bad input or usage.</returns>
    public static async Task<int> RunAsync(string[] args, StandardStreams streams, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var logger = Logging.Create(streams);
        try
        {
            var parse = CreateRootCommand(streams, clock, logger).Parse(args);
            return parse.Action is ParseErrorAction
                ? await ReportUsageErrorsAsync(parse, streams.Error)
                : await InvokeAsync(parse, streams, cancellationToken);
        }
        catch (UsageException ex)
        {
            logger.Error("{Problem}", ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.Error("cancelled");
        }
        catch (Exception ex)
        {
            logger.Error("{Type}: {Problem}", ex.GetType().Name, ex.Message);
        }

        return ExitCodes.InputError;
    }

    private static RootCommand CreateRootCommand(StandardStreams streams, TimeProvider clock, ILogger logger) =>
        new("Runs codex-helper's legacy load balancer and route-plan executor side by side and diffs their attempt lists.")
        {
            HelpName = CommandName,
            Subcommands =
            {
                CheckCommand.Create(
                    (options, ct) => Run<CheckHandler>(streams, clock, logger, handler => handler.Run(options, ct)), streams.OutputIsTerminal),
                FuzzCommand.Create(
                    (options, ct) => Run<FuzzHandler>(streams, clock, logger, handler => handler.Run(options, ct)), streams.OutputIsTerminal),
                ReplayCommand.Create(
                    (options, ct) => Run<ReplayHandler>(streams, clock, logger, handler => handler.Run(options, ct)), streams.OutputIsTerminal),
                SynthCommand.Create(
                    (options, ct) => Run<SynthHandler>(streams, clock, logger, handler => handler.Run(options, ct)), streams.OutputIsTerminal),
                TriageCommand.Create(
                    (options, ct) => RunAsync<TriageHandler>(streams, clock, logger, handler => handler.RunAsync(options, ct)), streams.OutputIsTerminal),
                ReproduceCommand.Create(
                    (options, ct) => RunAsync<ReproduceHandler>(streams, clock, logger, handler => handler.RunAsync(options, ct)),
                    streams.OutputIsTerminal),
            },
        };

    /// <summary>Builds the command's services and runs its handler.</summary>
    private static int Run<THandler>(StandardStreams streams, TimeProvider clock, ILogger logger, Func<THandler, int> run)
        where THandler : notnull
    {
        using var host = AppHost.Build(streams, clock, logger);
        return run(host.Services.GetRequiredService<THandler>());
    }

    private static async Task<int> RunAsync<THandler>(StandardStreams streams, TimeProvider clock, ILogger logger, Func<THandler, Task<int>> run)
        where THandler : notnull
    {
        using var host = AppHost.Build(streams, clock, logger);
        return await run(host.Services.GetRequiredService<THandler>());
    }

    private static async Task<int> InvokeAsync(ParseResult parse, StandardStreams streams, CancellationToken cancellationToken)
    {
        await using var help = new StreamWriter(streams.Output, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        var configuration = new InvocationConfiguration
        {
            Output = help,
            Error = streams.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // The caller owns cancellation: no process-wide signal handlers.
        };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Written here rather than by the parse-error action, which would also print help to stdout.</summary>
    private static async Task<int> ReportUsageErrorsAsync(ParseResult parse, TextWriter error)
    {
        foreach (var problem in parse.Errors)
        {
            await error.WriteLineAsync(problem.Message);
        }

        var command = parse.CommandResult.Command is RootCommand ? CommandName : $"{CommandName} {parse.CommandResult.Command.Name}";
        await error.WriteLineAsync($"See '{command} --help'.");
        return ExitCodes.InputError;
    }
}
