using System.CommandLine;
using RouteShadow.Cli.Output;

namespace RouteShadow.Cli.Commands;

/// <summary>The <c>check</c> command line: its arguments, options, help text and validation.</summary>
internal static class CheckCommand
{
    /// <param name="run">Runs a parsed check; returns the exit code.</param>
    /// <param name="outputIsTerminal">Picks the default format: a table for a person, JSON lines for a program.</param>
    public static Command Create(Func<CheckOptions, CancellationToken, int> run, bool outputIsTerminal)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Scenario files, or folders searched recursively for *.json files (checked in ordinal path order).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var batch = new Option<string?>("--batch")
        {
            Description = "A JSON lines file (or .jsonl.gz) of cases, one per line: a scenario, or "
                          + "{\"scenario\":…,\"report\":…} whose report is the expectation.",
            HelpName = "file.jsonl",
        };
        var format = new Option<string?>("--format")
        {
            Description = "json: one result object per line. table: both attempt lists side by side, then a summary. "
                          + "Default: table on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("json", "table");

        var command = new Command(
            "check",
            "Runs both engines on each scenario and compares their attempt lists. Exit codes: 0 every scenario matches "
            + "or meets its expect block; 1 a mismatch, failed expectation or engine error; 2 bad input or usage.")
        {
            paths, batch, format,
        };
        command.Validators.Add(result =>
        {
            // Presence, not values: reading a value that failed to parse would throw.
            var hasPaths = result.GetResult(paths) is { Tokens.Count: > 0 };
            var hasBatch = result.GetResult(batch) is not null;
            if (hasPaths == hasBatch)
            {
                result.AddError("Give scenario paths or --batch FILE, not both or neither.");
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
            var options = new CheckOptions(parse.GetValue(paths) ?? [], parse.GetValue(batch), chosen);
            return Task.FromResult(run(options, cancellationToken));
        });
        return command;
    }
}
