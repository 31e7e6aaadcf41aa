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
    // One JSON writer per thread, pointed at each entry's buffer in turn: a writer per entry was
    // most of what writing a result allocated. Each call resets it, so nothing carries over.
    [ThreadStatic]
    private static Utf8JsonWriter? _json;

    public void WriteResult(CheckResult result, IBufferWriter<byte> output) => WriteLine(output, result, CheckResultJson.Write);

    public void WriteResult(Testing.GoModel.GoModelCheckResult result, IBufferWriter<byte> output) => GoModel.GoModelCheckOutput.WriteJson(result, output);

    public void WriteResult(Core.Scenarios.Harn.HarnCheckResult result, IBufferWriter<byte> output) =>
        WriteLine(output, result, Core.Scenarios.Harn.HarnCheckJson.Write);

    public void WriteError(InputError error, IBufferWriter<byte> output) => WriteLine(output, error, static (json, error) =>
    {
        json.WriteStartObject();
        json.WriteString("error", error.Problem);
        json.WriteString("file", error.Source);
        json.WriteNumber("line", error.Line);
        json.WriteEndObject();
    });

    private static void WriteLine<T>(IBufferWriter<byte> output, T entry, Action<Utf8JsonWriter, T> write)
    {
        var json = _json ??= new Utf8JsonWriter(output, ScenarioWriter.Compact);
        json.Reset(output);
        write(json, entry);
        json.Flush();
        output.Write("\n"u8);
    }
}
