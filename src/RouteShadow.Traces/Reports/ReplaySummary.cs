using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// The one-object summary of a replay, as <c>routeshadow replay --format json</c> prints it:
/// <c>{"requests":N,"malformed_lines":M,"replayed":R,"unrebuildable":U,"mismatches":K,"classes":{…}}</c>.
/// </summary>
public sealed record ReplaySummary(long Requests, long MalformedLines, long Replayed, long Unrebuildable, long Mismatches, long EngineErrors, IReadOnlyDictionary<string, long> Classes)
{
    public static ReplaySummary From(ReplayStatistics statistics, long malformedLines) => new(
        statistics.Requests,
        malformedLines,
        statistics.Replayed,
        statistics.Unrebuildable,
        statistics.Mismatches,
        statistics.EngineErrors,
        statistics.Classes.ToDictionary(c => c.Key.WireName(), c => c.Value.Count, StringComparer.Ordinal));

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            writer.WriteStartObject();
            writer.WriteNumber("requests", Requests);
            writer.WriteNumber("malformed_lines", MalformedLines);
            writer.WriteNumber("replayed", Replayed);
            writer.WriteNumber("unrebuildable", Unrebuildable);
            writer.WriteNumber("mismatches", Mismatches);
            writer.WriteStartObject("classes");
            foreach (var (name, count) in Classes)
            {
                writer.WriteNumber(name, count);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
