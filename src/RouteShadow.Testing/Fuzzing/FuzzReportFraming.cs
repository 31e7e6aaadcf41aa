using System.Text;
using System.Text.Json;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>What every engine family's fuzz report shares: its summary line and its one-object JSON.</summary>
internal static class FuzzReportFraming
{
    /// <summary>The report's first line: <paramref name="summary"/>, marked when the time limit cut the run short.</summary>
    public static StringBuilder SummaryLine(string summary, bool stoppedByTimeLimit) =>
        new StringBuilder(summary).Append(stoppedByTimeLimit ? " (stopped by the time limit)\n" : "\n");

    /// <summary>One compact JSON object whose fields <paramref name="writeFields"/> writes.</summary>
    public static string JsonObject(Action<Utf8JsonWriter> writeFields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
