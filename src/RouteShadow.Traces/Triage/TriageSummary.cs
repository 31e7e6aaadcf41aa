using System.Text.Json;

namespace RouteShadow.Traces.Triage;

/// <summary>What a triage found, in counts: the object <c>--format json</c> prints.</summary>
/// <param name="Reproduced">Groups the C# engines reproduce.</param>
/// <param name="ModelGap">Groups they do not.</param>
/// <param name="Classes">Events per divergence class, over reproduced groups.</param>
/// <param name="Ungrouped">Events of new shapes met after the group cap; reported in report.md.</param>
public sealed record TriageSummary(
    long Events,
    long MalformedLines,
    int Groups,
    int Reproduced,
    int ModelGap,
    IReadOnlyList<(string Class, long Events)> Classes,
    long Ungrouped)
{
    /// <summary><c>{"events":N,"malformed_lines":M,"groups":G,"reproduced":R,"model_gap":X,"classes":{…}}</c>.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("events", Events);
            w.WriteNumber("malformed_lines", MalformedLines);
            w.WriteNumber("groups", Groups);
            w.WriteNumber("reproduced", Reproduced);
            w.WriteNumber("model_gap", ModelGap);
            w.WriteStartObject("classes");
            foreach (var (name, events) in Classes)
            {
                w.WriteNumber(name, events);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
