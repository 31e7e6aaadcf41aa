using System.CommandLine;
using RouteShadow.Cli.Output;
using RouteShadow.Traces.Synth;

namespace RouteShadow.Cli.Commands;

/// <summary>The <c>synth</c> command line: its options, help text and validation.</summary>
internal static class SynthCommand
{
    public static Command Create(Func<SynthCommandOptions, CancellationToken, int> run, bool outputIsTerminal)
    {
        var defaults = new SynthOptions(0, 0);
        var requests = new Option<long>("--requests")
        {
            Description = "How many requests (lines of requests.jsonl) to generate.",
        };
        requests.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("--requests must be at least 1.");
            }
        });
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seeds arrivals, models, sessions and faults: the same seed and options write the same bytes.",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<string>("--out")
        {
            Description = "The folder to write requests.jsonl, control_trace.jsonl and (without --config) config.json into.",
            HelpName = "dir",
            Required = true,
        };
        var config = new Option<string?>("--config")
        {
            Description = "The codex-helper config to simulate. Default: a built-in three-station config, written as config.json.",
            HelpName = "path",
        };
        var gap = new Option<double>("--mean-gap-ms")
        {
            Description = "The mean time between request starts, in milliseconds.",
            DefaultValueFactory = _ => defaults.MeanGapMs,
        };
        gap.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() <= 0)
            {
                result.AddError("--mean-gap-ms must be positive.");
            }
        });
        var restartEvery = new Option<long>("--restart-every")
        {
            Description = "Restart the simulated proxy (request ids from 1, state wiped) after this many requests; 0 never.",
            DefaultValueFactory = _ => defaults.RestartEvery,
        };
        var mismatches = new Option<int>("--shadow-mismatches")
        {
            Description = "Instead of --requests: a staging box's control trace with CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE on — this many "
                          + "route_executor_shadow_mismatch events over the built-in config, across five divergence classes, the older "
                          + "ones in a rotated file, a few lines damaged. What routeshadow triage reads.",
        };
        mismatches.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--shadow-mismatches must be at least 1.");
            }
        });
        var gzip = new Option<bool>("--gzip")
        {
            Description = "With --shadow-mismatches: compress the rotated file (control_trace.<ms>.jsonl.gz).",
        };
        var format = new Option<string?>("--format")
        {
            Description = "json: one object naming the files. table: a line for a person. Default: table on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command(
            "synth",
            "Generates a realistic codex-helper request log and control trace by simulating the proxy over a config "
            + "with a seeded fault model (outages, retryable statuses, transport errors, model skips, restarts), "
            + "or (--shadow-mismatches) a staging box's trace of shadow mismatch events. "
            + "Exit codes: 0 written; 2 bad usage or an unreadable config.")
        {
            requests, mismatches, seed, output, config, gap, restartEvery, gzip, format,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(requests) is null) == (result.GetResult(mismatches) is null))
            {
                result.AddError("Give --requests N or --shadow-mismatches N, not both or neither.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format) switch
            {
                "json" => OutputFormat.Json,
                "table" => OutputFormat.Table,
                _ => outputIsTerminal ? OutputFormat.Table : OutputFormat.Json,
            };
            var synth = new SynthOptions(parse.GetValue(requests), parse.GetValue(seed))
            {
                MeanGapMs = parse.GetValue(gap),
                RestartEvery = parse.GetValue(restartEvery),
                ConfigPath = parse.GetValue(config),
            };
            var staging = parse.GetResult(mismatches) is null
                ? null
                : new StagingOptions(parse.GetValue(mismatches), parse.GetValue(seed)) { Gzip = parse.GetValue(gzip) };
            return Task.FromResult(run(new SynthCommandOptions(synth, staging, parse.GetValue(output)!, chosen), cancellationToken));
        });
        return command;
    }
}
