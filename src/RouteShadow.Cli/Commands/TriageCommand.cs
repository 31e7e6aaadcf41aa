using System.CommandLine;
using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>The <c>triage</c> command line: its options, help text and defaults.</summary>
internal static class TriageCommand
{
    public const string DefaultOut = "triage-report";

    public static Command Create(Func<TriageCommandOptions, CancellationToken, Task<int>> run, bool outputIsTerminal)
    {
        var trace = new Option<string>("--trace")
        {
            Description = "The control trace a codex-helper with CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE=1 writes (control_trace.jsonl); "
                          + "its rotated files next to it are read first, oldest first.",
            HelpName = "path",
            Required = true,
        };
        var config = new Option<string?>("--config")
        {
            Description = "codex-helper's config (config.toml or config.json), to rebuild each mismatch's stations from. "
                          + "Default: config.toml or config.json next to the trace or in its parent folder, if there; else the stations are rebuilt from the attempt lists.",
            HelpName = "path",
        };
        var output = new Option<string>("--out")
        {
            Description = "Where to write scenarios/ (one per group), groups.jsonl, summary.csv and report.md.",
            HelpName = "dir",
            DefaultValueFactory = _ => DefaultOut,
        };
        var since = new Option<string?>("--since")
        {
            Description = "Only events logged at or after this time: 2026-05-14T08:00:00Z, unix milliseconds, or a duration back from now (90s, 30m, 24h, 7d).",
            HelpName = "time",
        };
        var format = new Option<string?>("--format")
        {
            Description = "json: one summary object. table: the groups for a person. Default: table on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var follow = new Option<bool>("--follow")
        {
            Description = "Keep reading the trace as it grows, across rotation and truncation; print a summary line every --interval "
                          + "on stderr and rewrite the outputs; on Ctrl-C or SIGTERM write everything once more and exit.",
        };
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between two summaries of --follow.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 10,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 86_400))
            {
                result.AddError("--interval must be between 0 and 86400 seconds.");
            }
        });

        var command = new Command(
            "triage",
            "Groups the route_executor_shadow_mismatch events of a staging codex-helper's control trace by the shape of their "
            + "divergence, re-runs each group through the C# engines on a rebuilt scenario (reproduced, with its divergence classes, "
            + "or a model gap) and writes one scenario per group. Exit codes: 0 no mismatch event; 1 mismatch events; "
            + "2 bad input or usage. Malformed lines are counted and reported, not fatal.")
        {
            trace, config, output, since, format, follow, interval,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format) switch
            {
                "json" => OutputFormat.Json,
                "table" => OutputFormat.Table,
                _ => outputIsTerminal ? OutputFormat.Table : OutputFormat.Json,
            };
            var options = new TriageCommandOptions(
                parse.GetValue(trace)!, parse.GetValue(config), parse.GetValue(output)!, parse.GetValue(since), chosen,
                parse.GetValue(follow), TimeSpan.FromSeconds(parse.GetValue(interval)));
            return run(options, cancellationToken);
        });
        return command;
    }
}
