using System.Buffers;
using System.Text;
using System.Text.Json;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.GoModel;

namespace RouteShadow.Cli.GoModel;

/// <summary>A GoModel check result as a JSON line or as a table block, beside the codex-helper ones.</summary>
internal static class GoModelCheckOutput
{
    /// <summary>
    /// <c>{"name","engine":"gomodel","verdict","control":{"variant","ledger":[…]},"candidate":{…},"first_divergence","violations":[…]}</c>,
    /// plus <c>expectation_failures</c> and <c>error</c> when there are any.
    /// </summary>
    public static void WriteJson(GoModelCheckResult result, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, ScenarioWriter.Compact))
        {
            var section = result.Scenario.GoModel!;
            json.WriteStartObject();
            json.WriteString("name", result.Scenario.Name);
            json.WriteString("engine", "gomodel");
            json.WriteString("verdict", CheckResultJson.WireName(result.Verdict));
            WriteSide(json, "control", section.Control, result.Comparison.Control);
            WriteSide(json, "candidate", section.Candidate, result.Comparison.Candidate);
            if (result.Comparison.FirstDivergence is { } first)
            {
                json.WriteNumber("first_divergence", first);
            }
            else
            {
                json.WriteNull("first_divergence");
            }

            WriteStrings(json, "violations", result.Violations.Select(v => v.WireName()));
            if (result.ExpectationFailures.Count > 0)
            {
                WriteStrings(json, "expectation_failures", result.ExpectationFailures);
            }

            if (result.Comparison.Error is { } error)
            {
                json.WriteString("error", error);
            }

            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    /// <summary>The scenario's name and verdict, the two ledgers side by side from where they part, and the violations.</summary>
    public static void WriteTable(GoModelCheckResult result, IBufferWriter<byte> output)
    {
        var section = result.Scenario.GoModel!;
        var text = new StringBuilder();
        text.Append(result.Scenario.Name).Append(": ").Append(CheckResultJson.WireName(result.Verdict))
            .Append(" (gomodel ").Append(section.Control.Name).Append(" vs ").Append(section.Candidate.Name).Append(")\n");
        var control = result.Comparison.Control;
        var candidate = result.Comparison.Candidate;
        var width = Math.Max(section.Control.Name.Length, control.Select(a => a.ToString().Length).DefaultIfEmpty(0).Max());
        text.Append("  ").Append(section.Control.Name.PadRight(width)).Append("  ").Append(section.Candidate.Name).Append('\n');
        for (var i = 0; i < Math.Max(control.Count, candidate.Count); i++)
        {
            var marker = i == result.Comparison.FirstDivergence ? "> " : "  ";
            var left = i < control.Count ? control[i].ToString() : "-";
            var right = i < candidate.Count ? candidate[i].ToString() : "-";
            text.Append(marker).Append(left.PadRight(width)).Append("  ").Append(right).Append('\n');
        }

        text.Append("  violations: ").Append(result.Violations.Count == 0 ? "none" : string.Join(", ", result.Violations.Select(v => v.WireName()))).Append('\n');
        foreach (var failure in result.ExpectationFailures)
        {
            text.Append("  expectation failed: ").Append(failure).Append('\n');
        }

        if (result.Comparison.Error is { } error)
        {
            text.Append("  error: ").Append(error).Append('\n');
        }

        Encoding.UTF8.GetBytes(text.Append('\n').ToString(), output);
    }

    private static void WriteSide(Utf8JsonWriter json, string name, GoModelVariant variant, IReadOnlyList<GoModelAttempt> ledger)
    {
        json.WriteStartObject(name);
        json.WriteString("variant", variant.Name);
        json.WriteStartArray("ledger");
        foreach (var entry in ledger)
        {
            json.WriteStartObject();
            json.WriteNumber("step", entry.Step);
            json.WriteString("kind", entry.Kind.ToString().ToLowerInvariant());
            json.WriteNumber("number", entry.Number);
            json.WriteString("candidate", entry.Candidate);
            json.WriteNumber("status", entry.Status);
            json.WriteString("detail", entry.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
