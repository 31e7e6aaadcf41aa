using System.CommandLine;
using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>The <c>reproduce</c> command line: its options, help text and validation.</summary>
internal static class ReproduceCommand
{
    public static Command Create(Func<ReproduceOptions, CancellationToken, Task<int>> run, bool outputIsTerminal)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file to play over HTTP." };
        var engine = new Option<string>("--engine")
        {
            Description = "Which engine picks the targets: legacy, executor, or both (each from the same start, then compared).",
            DefaultValueFactory = _ => "both",
        };
        engine.AcceptOnlyFromAmong("legacy", "executor", "both");
        var format = new Option<string?>("--format")
        {
            Description = "table: each lifecycle and the differences. json: one object. Default: table on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var keepRunning = new Option<bool>("--keep-running")
        {
            Description = "Leave the WireMock upstreams up after the run (their 127.0.0.1 addresses are in the output) until Ctrl-C or SIGTERM.",
        };
        var traceOut = new Option<string?>("--trace-out")
        {
            Description = "Append route_executor_shadow_mismatch control-trace lines to this file when "
                          + "CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE is 1, true, yes or on.",
            HelpName = "file",
        };

        var proxy = new Option<string?>("--proxy")
        {
            Description = "Send the request through the proxy at this URL (a codex-helper started on the config of --write-config) "
                          + "instead of the built-in loop, and show its answer and what each upstream received.",
            HelpName = "url",
        };
        var writeConfig = new Option<string?>("--write-config")
        {
            Description = "With --proxy: write here a codex-helper config.json whose upstreams are the WireMock servers.",
            HelpName = "path",
        };

        var command = new Command(
            "reproduce",
            "Plays a scenario against one WireMock server per upstream (127.0.0.1) through codex-helper's two-layer retry loop, "
            + "and shows each engine's attempts, the requests each upstream received, the client's response and the state "
            + "afterwards. Exit codes: 0 the lifecycles agree (or one engine ran, or the proxy answered); 1 they differ; "
            + "2 usage, a bad scenario, or a proxy that cannot be reached.")
        {
            scenario, engine, format, keepRunning, traceOut, proxy, writeConfig,
        };
        command.Validators.Add(result =>
        {
            var proxyUrl = result.GetValue(proxy);
            if (proxyUrl is null != result.GetValue(writeConfig) is null)
            {
                result.AddError("--proxy and --write-config go together.");
            }
            else if (proxyUrl is not null && ProxyUrl(proxyUrl) is null)
            {
                result.AddError($"--proxy: '{proxyUrl}' is not an http:// or https:// URL.");
            }
        });
        command.SetAction((parse, cancellationToken) => run(
            new ReproduceOptions(
                parse.GetValue(scenario)!,
                parse.GetValue(engine) switch
                {
                    "legacy" => EngineChoice.Legacy,
                    "executor" => EngineChoice.Executor,
                    _ => EngineChoice.Both,
                },
                parse.GetValue(format) switch
                {
                    "json" => OutputFormat.Json,
                    "table" => OutputFormat.Table,
                    _ => outputIsTerminal ? OutputFormat.Table : OutputFormat.Json,
                },
                parse.GetValue(keepRunning),
                parse.GetValue(traceOut),
                parse.GetValue(proxy) is { } url ? ProxyUrl(url) : null,
                parse.GetValue(writeConfig)),
            cancellationToken));
        return command;
    }

    private static Uri? ProxyUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
