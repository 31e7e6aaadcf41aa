using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// <c>mismatches.jsonl</c>: one object per mismatching request — who it was, when, its stations and
/// state digest, the divergence classes and signature, the fidelity check, what production
/// attempted and both engines' attempt lists with their diff — written as results stream by.
/// </summary>
internal sealed class MismatchLog(Stream output) : IDisposable
{
    private readonly Utf8JsonWriter _writer = new(output, ScenarioWriter.Compact);

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
        _writer.WriteStartArray("classes");
        foreach (var divergence in comparison.Classes)
        {
            _writer.WriteStringValue(divergence.WireName());
        }

        _writer.WriteEndArray();
        _writer.WriteString("signature", signature);
        WriteFidelity(result.Fidelity!);
        _writer.WriteStartArray("production_attempts");
        foreach (var attempt in result.ProductionAttempts)
        {
            _writer.WriteStringValue(Formats.Attempt(attempt));
        }

        _writer.WriteEndArray();
        ReportJson.WriteAttempts(_writer, "legacy_attempts", comparison.Report.LegacyAttempts);
        ReportJson.WriteAttempts(_writer, "executor_attempts", comparison.Report.ExecutorAttempts);
        ReportJson.WriteDiff(_writer, comparison.Diff);
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
}
