using System.Buffers;
using System.Text.Json;
using RouteShadow.Cli.Input;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Output;

/// <summary>
/// JSON lines: a result is <see cref="CheckResultJson"/>'s object; a malformed input is
/// <c>{"error":"$.path: reason","file":…,"line":N}</c>, so every input has its line, in order.
/// </summary>
internal sealed class JsonLinesWriter : IResultWriter
{
    public void WriteResult(CheckResult result, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, ScenarioWriter.Compact))
        {
            CheckResultJson.Write(json, result);
        }

        output.Write("\n"u8);
    }

    public void WriteResult(Testing.GoModel.GoModelCheckResult result, IBufferWriter<byte> output) => GoModel.GoModelCheckOutput.WriteJson(result, output);

    public void WriteResult(Core.Scenarios.Harn.HarnCheckResult result, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, ScenarioWriter.Compact))
        {
            Core.Scenarios.Harn.HarnCheckJson.Write(json, result);
        }

        output.Write("\n"u8);
    }

    public void WriteError(InputError error, IBufferWriter<byte> output)
    {
        using (var json = new Utf8JsonWriter(output, ScenarioWriter.Compact))
        {
            json.WriteStartObject();
            json.WriteString("error", error.Problem);
            json.WriteString("file", error.Source);
            json.WriteNumber("line", error.Line);
            json.WriteEndObject();
        }

        output.Write("\n"u8);
    }
}
