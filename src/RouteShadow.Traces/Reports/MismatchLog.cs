using System.Runtime.CompilerServices;
using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// <c>mismatches.jsonl</c>: one object per mismatching request — who it was, when, its stations and
/// state digest, the divergence classes and signature, the fidelity check, what production
/// attempted, both engines' attempt lists and where they first part — written as results stream by.
/// The comparison's part is rendered once per comparison: the replay reuses comparisons across
/// requests whose state is the same.
/// </summary>
internal sealed class MismatchLog(Stream output) : IDisposable
{
    private readonly Utf8JsonWriter _writer = new(output, ScenarioWriter.Compact);
    private readonly ConditionalWeakTable<ShadowComparison, RenderedComparison> _rendered = [];

    public void Write(RequestResult result, string signature)
    {
        var request = result.Request;
        var comparison = result.Comparison!;
        _writer.WriteStartObject();
        if (request.RequestId is { } id)
        {
            _writer.WriteNumber("request_id", id);
        }

        _writer.WriteString("trace_id", request.TraceId);
        _writer.WriteString("service", request.Service);
        _writer.WriteString("time", Formats.Time(request.StartMs));
        _writer.WriteNumber("start_ms", request.StartMs);
        _writer.WriteNumber("end_ms", request.TimestampMs);
        _writer.WriteString("model", result.Question!.Model);
        _writer.WriteStartArray("stations");
        foreach (var station in result.Plan!.Stations)
        {
            _writer.WriteStringValue(station.Name);
        }

        _writer.WriteEndArray();
        _writer.WriteString("plan_source", result.Plan.Source == Timeline.PlanSource.Trace ? "trace" : "config");
        _writer.WriteString("state_digest", StateDigest.Of(result.Question));
        var rendered = _rendered.GetValue(comparison, RenderedComparison.Of);
        _writer.WritePropertyName("classes");
        _writer.WriteRawValue(rendered.Classes, skipInputValidation: true);
        _writer.WriteString("signature", signature);
        WriteFidelity(result.Fidelity!);
        _writer.WriteStartArray("production_attempts");
        foreach (var attempt in result.ProductionAttempts)
        {
            _writer.WriteStringValue(Formats.Attempt(attempt));
        }

        _writer.WriteEndArray();
        _writer.WritePropertyName("legacy_attempts");
        _writer.WriteRawValue(rendered.Legacy, skipInputValidation: true);
        _writer.WritePropertyName("executor_attempts");
        _writer.WriteRawValue(rendered.Executor, skipInputValidation: true);
        _writer.WritePropertyName("first_divergence");
        _writer.WriteRawValue(rendered.FirstDivergence, skipInputValidation: true);
        _writer.WriteEndObject();
        _writer.Flush();
        output.WriteByte((byte)'\n');
        _writer.Reset();
    }

    public void Dispose()
    {
        _writer.Dispose();
        output.Dispose();
    }

    private void WriteFidelity(Fidelity fidelity)
    {
        _writer.WriteStartObject("fidelity");
        _writer.WriteString("legacy", fidelity.Legacy.ToString());
        _writer.WriteString("executor", fidelity.Executor.ToString());
        if (fidelity.ProductionShadowAgrees is { } agrees)
        {
            _writer.WriteBoolean("production_shadow_agrees", agrees);
        }
        else
        {
            _writer.WriteNull("production_shadow_agrees");
        }

        _writer.WriteString("state", fidelity.StateConfirmed ? "confirmed" : "unsure");
        _writer.WriteEndObject();
    }

    /// <summary>The JSON of a comparison's classes, attempt lists and first divergence (its position and the fields that differ there).</summary>
    private sealed record RenderedComparison(byte[] Classes, byte[] Legacy, byte[] Executor, byte[] FirstDivergence)
    {
        public static RenderedComparison Of(ShadowComparison comparison) => new(
            Render(w =>
            {
                w.WriteStartArray();
                foreach (var divergence in comparison.Classes)
                {
                    w.WriteStringValue(divergence.WireName());
                }

                w.WriteEndArray();
            }),
            Render(w => Attempts(w, comparison.Report.LegacyAttempts)),
            Render(w => Attempts(w, comparison.Report.ExecutorAttempts)),
            Render(w =>
            {
                var at = comparison.Diff.FirstDivergence ?? 0;
                w.WriteStartObject();
                w.WriteNumber("position", at);
                w.WriteStartArray("fields");
                foreach (var field in comparison.Diff.Fields.Where(f => f.Position == at))
                {
                    w.WriteStringValue(field.Field);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));

        private static void Attempts(Utf8JsonWriter writer, IReadOnlyList<Core.Engines.ShadowAttempt> attempts)
        {
            writer.WriteStartArray();
            foreach (var attempt in attempts)
            {
                ReportJson.WriteAttempt(writer, attempt);
            }

            writer.WriteEndArray();
        }

        private static byte[] Render(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
            {
                write(writer);
            }

            return buffer.ToArray();
        }
    }
}
