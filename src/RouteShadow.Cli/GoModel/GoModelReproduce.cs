using System.Text;
using System.Text.Json;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.GoModel;

namespace RouteShadow.Cli.GoModel;

/// <summary>
/// <c>routeshadow reproduce</c> for a scenario with a <c>gomodel</c> section: plays its steps on a
/// gateway per variant against the scripted upstream replies, and shows each ledger with the state
/// it leaves behind. Exit 1 when the two ledgers differ.
/// </summary>
internal static class GoModelReproduce
{
    public static int Run(Scenario scenario, OutputFormat format, Stream output)
    {
        var section = scenario.GoModel!;
        var question = section.Question(GoModelVerdict.NowMs);
        var runs = new[] { Play(question, section.Control), Play(question, section.Candidate) };
        var first = new EngineShadow<GoModelQuestion, GoModelAttempt>(new GoModelEngine(section.Control), new GoModelEngine(section.Candidate))
            .Compare(question).FirstDivergence;
        var text = format == OutputFormat.Table ? Table(scenario, runs, first) : Json(scenario, runs, first) + "\n";
        output.Write(Encoding.UTF8.GetBytes(text));
        output.Flush();
        return first is null ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static VariantRun Play(GoModelQuestion question, GoModelVariant variant)
    {
        var ledger = new List<GoModelAttempt>();
        var gateway = new GoModelEngine(variant).Play(question, ledger);
        return new VariantRun(variant, ledger, gateway.State.Export());
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

    private sealed record VariantRun(GoModelVariant Variant, IReadOnlyList<GoModelAttempt> Ledger, string State);
}
