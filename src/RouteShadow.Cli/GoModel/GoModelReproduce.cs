using System.Text;
using System.Text.Json;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.GoModel;

namespace RouteShadow.Cli.GoModel;

/// <summary>
/// <c>routeshadow reproduce</c> for a scenario with a <c>gomodel</c> section: starts a WireMock server
/// per upstream answering the scripted replies, plays the steps on a gateway per variant over HTTP,
/// and shows each ledger, the state it leaves behind and — from the servers' own logs — every
/// request whose metadata names an upstream that request never reached. Exit 1 when the two
/// ledgers differ.
/// </summary>
internal static class GoModelReproduce
{
    public static int Run(Scenario scenario, OutputFormat format, Stream output)
    {
        var section = scenario.GoModel!;
        var question = section.Question(GoModelVerdict.NowMs);
        using var upstreams = GoModelUpstreams.Start(section);
        var runs = new[] { Play(question, section.Control, upstreams), Play(question, section.Candidate, upstreams) };
        var first = FirstDivergence(runs[0].Ledger, runs[1].Ledger);
        var text = format == OutputFormat.Table ? Table(scenario, runs, first) : Json(scenario, runs, first) + "\n";
        output.Write(Encoding.UTF8.GetBytes(text));
        output.Flush();
        return first is null ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static VariantRun Play(GoModelQuestion question, GoModelVariant variant, GoModelUpstreams upstreams)
    {
        upstreams.Rewind();
        var engine = new GoModelEngine(variant);
        var ledger = new List<GoModelAttempt>();
        var gateway = engine.Play(question, ledger, upstreams.Call);
        var reached = upstreams.ReachedByStep();
        List<string> unreached =
        [
            .. ledger.Where(e => e.Kind == GoModelEntryKind.Report && !reached.GetValueOrDefault(e.Step, []).Contains(e.Candidate))
                .Select(e => $"step {e.Step} reports {e.Candidate}, which received no request (reached: {string.Join(", ", reached.GetValueOrDefault(e.Step, []))})"),
        ];
        if (!ledger.SequenceEqual(engine.Plan(question)))
        {
            unreached.Insert(0, "the upstreams answered differently from the scenario's replies");
        }

        return new VariantRun(variant, ledger, gateway.State.Export(), unreached);
    }

    /// <summary>Where the ledgers played over HTTP first part; null when they agree.</summary>
    private static int? FirstDivergence(IReadOnlyList<GoModelAttempt> control, IReadOnlyList<GoModelAttempt> candidate)
    {
        var common = Math.Min(control.Count, candidate.Count);
        for (var i = 0; i < common; i++)
        {
            if (control[i] != candidate[i])
            {
                return i;
            }
        }

        return control.Count == candidate.Count ? null : common;
    }

    private static string Table(Scenario scenario, VariantRun[] runs, int? first)
    {
        var text = new StringBuilder().Append(scenario.Name).Append('\n');
        foreach (var run in runs)
        {
            text.Append("\n== ").Append(run.Variant.Name).Append(" ==\nledger:\n");
            for (var i = 0; i < run.Ledger.Count; i++)
            {
                text.Append(i == first ? "> " : "  ").Append(run.Ledger[i]).Append('\n');
            }

            foreach (var problem in run.Problems)
            {
                text.Append("! ").Append(problem).Append('\n');
            }

            text.Append("state after:\n");
            foreach (var line in run.State.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        return text.Append('\n').Append(first is { } at ? $"the ledgers part at entry {at}\n" : "the ledgers agree\n").ToString();
    }

    private static string Json(Scenario scenario, VariantRun[] runs, int? first)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            json.WriteStartObject();
            json.WriteString("name", scenario.Name);
            json.WriteString("engine", "gomodel");
            json.WriteStartArray("runs");
            foreach (var run in runs)
            {
                json.WriteStartObject();
                json.WriteString("variant", run.Variant.Name);
                json.WriteStartArray("ledger");
                foreach (var entry in run.Ledger)
                {
                    json.WriteStringValue(entry.ToString());
                }

                json.WriteEndArray();
                json.WriteString("state_after", run.State);
                json.WriteStartArray("problems");
                foreach (var problem in run.Problems)
                {
                    json.WriteStringValue(problem);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (first is { } at)
            {
                json.WriteNumber("first_divergence", at);
            }
            else
            {
                json.WriteNull("first_divergence");
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed record VariantRun(GoModelVariant Variant, IReadOnlyList<GoModelAttempt> Ledger, string State, IReadOnlyList<string> Problems);
}
