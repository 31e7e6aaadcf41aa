using System.CommandLine;
using System.Globalization;
using RouteShadow.Cli.Output;
using RouteShadow.Testing.Generators;

namespace RouteShadow.Cli.Commands;

/// <summary>The <c>fuzz</c> command line: its options, help text and validation.</summary>
internal static class FuzzCommand
{
    public static Command Create(Func<FuzzCommandOptions, CancellationToken, int> run, bool outputIsTerminal)
    {
        var cases = new Option<int>("--cases")
        {
            Description = "How many scenarios to generate.",
            DefaultValueFactory = _ => 10_000,
        };
        cases.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--cases must be at least 1.");
            }
        });
        var seed = new Option<ulong>("--seed")
        {
            Description = "The run's seed: the same seed generates the same cases and examples. A table row's "
                          + "'replay' seed, run with --cases 1, replays that one case.",
            DefaultValueFactory = _ => 1,
        };
        var reachable = new Option<bool>("--reachable")
        {
            Description = "Generate only states real outcome sequences can reach (successes, failures, penalties, "
                          + "clock advances, usage exhaustion, layout changes); default: free-form states.",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Write one shrunk example scenario per divergence class found, as <class>.json, into this folder.",
            HelpName = "dir",
        };
        var time = new Option<TimeSpan?>("--time")
        {
            Description = "Stop generating after this long (e.g. 30s, 2m, 500ms); the cases run are always the run's first ones.",
            HelpName = "limit",
            CustomParser = result => ParseDuration(result.Tokens.Single().Value) is { } limit
                ? limit
                : Fail(result, $"'{result.Tokens.Single().Value}' is not a duration such as 30s, 2m or 500ms."),
        };
        var format = new Option<string?>("--format")
        {
            Description = "table: classes with counts and example files. json: one summary object. "
                          + "Default: table on a terminal, json otherwise.",
        };
        format.AcceptOnlyFromAmong("json", "table");
        var engine = new Option<string>("--engine")
        {
            Description = "The engine family: codex-helper (legacy vs executor parity), gomodel (its findings, named by check) "
                          + "or harn (the seed's known bug classes under the harn checks); --reachable applies to codex-helper only.",
            DefaultValueFactory = _ => "codex-helper",
        };
        engine.AcceptOnlyFromAmong("codex-helper", "gomodel", Harn.HarnFuzzRun.Engine);

        var command = new Command(
            "fuzz",
            "Runs generated scenarios through both engines, counts divergences per class and shrinks one minimal example "
            + "of each. Exit codes: 0 every divergence belongs to a known class; 1 an unclassified divergence; 2 usage.")
        {
            cases, seed, reachable, output, time, format, engine,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format) switch
            {
                "json" => OutputFormat.Json,
                "table" => OutputFormat.Table,
                _ => outputIsTerminal ? OutputFormat.Table : OutputFormat.Json,
            };
            var options = new FuzzCommandOptions(
                parse.GetValue(cases),
                parse.GetValue(seed),
                parse.GetValue(reachable) ? ScenarioMode.Reachable : ScenarioMode.FreeForm,
                parse.GetValue(output),
                parse.GetValue(time),
                chosen,
                parse.GetValue(engine)!);
            return Task.FromResult(run(options, cancellationToken));
        });
        return command;
    }

    /// <summary>A number with a unit: <c>ms</c>, <c>s</c> (also the default), <c>m</c> or <c>h</c>.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var unitAt = text.Length;
        while (unitAt > 0 && char.IsAsciiLetter(text[unitAt - 1]))
        {
            unitAt--;
        }

        if (!double.TryParse(text.AsSpan(0, unitAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return text[unitAt..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "" or "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => null,
        };
    }

    private static TimeSpan? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
