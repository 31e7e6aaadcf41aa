using System.CommandLine;
using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>The <c>replay</c> command line: its options, help text and defaults.</summary>
internal static class ReplayCommand
{
    /// <summary>The bundled sample, replayed when no log is named.</summary>
    public const string SampleRequests = "traces/requests.jsonl";

    public const string DefaultOut = "replay-report";

    public static Command Create(Func<ReplayCommandOptions, CancellationToken, int> run, bool outputIsTerminal)
    {
        var requests = new Option<string?>("--requests")
        {
            Description = $"codex-helper's requests.jsonl; its rotated files next to it are read too, oldest first. Default: {SampleRequests}, the bundled sample.",
            HelpName = "path",
        };
        var trace = new Option<string?>("--trace")
        {
            Description = "The control trace (control_trace.jsonl). Default: control_trace.jsonl next to the request log, if there.",
            HelpName = "path",
        };
        var config = new Option<string[]>("--config")
        {
            Description = "codex-helper's config (config.toml or config.json). Repeat it for the versions of a reloaded config, "
                          + "oldest first. Default: config.toml or config.json next to the request log or in its parent folder.",
            HelpName = "path",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out")
        {
            Description = "Where to write mismatches.jsonl, summary.csv, report.md, report.html and fixtures/.",
            HelpName = "dir",
            DefaultValueFactory = _ => DefaultOut,
        };
        var format = new Option<string?>("--format")
        {
            Description = "json: one summary object. table: the summary for a person. Default: table on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var reproduce = new Option<int>("--reproduce")
        {
            Description = "Also write, under reproduce/, a scenario for each of the N most frequent mismatch signatures whose upstreams "
                          + "answer as production's did: run one with 'routeshadow reproduce FILE'.",
            HelpName = "N",
        };
        reproduce.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--reproduce: N cannot be negative.");
            }
        });

        var command = new Command(
            "replay",
            "Replays codex-helper's request log and control trace through both engines: rebuilds the load-balancer state "
            + "request by request, compares the engines and checks which one explains what production did. Exit codes: "
            + "0 no mismatch; 1 mismatches (or an engine error); 2 bad input (missing file, unreadable config). "
            + "Malformed lines are counted and reported, not fatal.")
        {
            requests, trace, config, output, format, reproduce,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format) switch
            {
                "json" => OutputFormat.Json,
                "table" => OutputFormat.Table,
                _ => outputIsTerminal ? OutputFormat.Table : OutputFormat.Json,
            };
            var options = new ReplayCommandOptions(
                parse.GetValue(requests), parse.GetValue(trace), parse.GetValue(config) ?? [], parse.GetValue(output)!, chosen, parse.GetValue(reproduce));
            return Task.FromResult(run(options, cancellationToken));
        });
        return command;
    }
}
