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
        await using var help = new StreamWriter(streams.Output, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = true };
        try
        {
            var root = new RootCommand("Runs codex-helper's legacy load balancer and route-plan executor side by side and diffs their attempt lists.")
            {
                CheckCommand.Create((options, ct) => Check(options, streams, clock, logger, ct), streams.OutputIsTerminal),
            };
            root.HelpName = CommandName;
            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction parseError)
            {
                // Help is output: it would land in stdout among results. The errors and a pointer go to stderr.
                parseError.ShowHelp = false;
            }

            var configuration = new InvocationConfiguration
            {
                Output = help,
                Error = streams.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // The caller owns cancellation; no process-wide signal handlers.
            };
            var exitCode = await parse.InvokeAsync(configuration, cancellationToken);
            if (parse.Action is not ParseErrorAction)
            {
                return exitCode;
            }

            var command = parse.CommandResult.Command is RootCommand ? CommandName : $"{CommandName} {parse.CommandResult.Command.Name}";
            await streams.Error.WriteLineAsync($"See '{command} --help'.");
            return ExitCodes.InputError;
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

    private static int Check(CheckOptions options, StandardStreams streams, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        using var host = AppHost.Build(streams, clock, logger);
        return host.Services.GetRequiredService<CheckHandler>().Run(options, cancellationToken);
    }
}
