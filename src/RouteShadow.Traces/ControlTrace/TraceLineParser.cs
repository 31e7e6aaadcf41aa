using System.Globalization;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>
/// Parses one control-trace line: the envelope by key, then the payload with the parser of its
/// event. A bare payload (a <c>retry_trace.jsonl</c> line, or an entry written without envelope
/// fields) is read as its own payload. Events the caller does not want are still checked to be
/// valid JSON but not materialised.
/// </summary>
internal sealed class TraceLineParser(Func<string, bool>? wanted)
{
    public TraceEvent? Parse(ReadOnlySpan<byte> line)
    {
        long? ts = null, requestId = null;
        string? kind = null, service = null, traceId = null, name = null;
        TracePayload? payload = null;
        var payloadStart = -1L;
        var payloadEnd = -1L;
        var envelope = false;

        var f = new JsonFields(line);
        var outer = f.EnterObject("$");
        while (f.NextField(outer))
        {
            if (f.Is("ts_ms"u8)) ts = f.UInt("ts_ms");
            else if (f.Is("kind"u8)) (kind, envelope) = (f.String("kind"), true);
            else if (f.Is("service"u8)) service = f.NullableString("service");
            else if (f.Is("request_id"u8)) requestId = f.IsNull ? null : f.UIntOrNumericString("request_id");
            else if (f.Is("trace_id"u8)) traceId = f.NullableString("trace_id");
            else if (f.Is("event"u8)) name = f.NullableString("event");
            else if (f.Is("payload"u8))
            {
                envelope = true;
                var eventName = EventName(kind, name);
                if (eventName is not null && !f.IsNull)
                {
                    payload = ReadPayload(ref f, eventName, "$.payload");
                }
                else
                {
                    payloadStart = f.TokenStart;
                    f.SkipCurrent();
                    payloadEnd = f.BytesConsumed;
                }
            }
            else f.SkipValue();
        }

        f.ReadToEnd();
        var eventName2 = EventName(kind, name) ?? throw f.Missing("event");
        if (wanted is not null && !wanted(eventName2))
        {
            return null;
        }

        if (payload is null)
        {
            // The payload came before the event name, or there is no envelope: read it now.
            var slice = !envelope ? line : payloadStart >= 0 ? line[(int)payloadStart..(int)payloadEnd] : "null"u8;
            var p = new JsonFields(slice);
            payload = p.IsNull ? OtherEvent.Instance : ReadPayload(ref p, eventName2, envelope ? "$.payload" : "$");
        }

        if (!envelope)
        {
            kind = TraceEventNames.RetryTraceKind;
        }

        if (payload is RequestCompleted completed)
        {
            service ??= completed.Request.Service;
            requestId ??= completed.Request.RequestId;
            traceId ??= completed.Request.TraceId;
        }

        traceId ??= requestId is { } id && service is not null ? service + "-" + id.ToString(CultureInfo.InvariantCulture) : null;
        return new TraceEvent(ts ?? throw f.Missing("ts_ms"), kind ?? TraceEventNames.RetryTraceKind, service, requestId, traceId, eventName2, payload);
    }

    private static string? EventName(string? kind, string? name) =>
        name ?? (kind == TraceEventNames.RequestCompletedKind ? TraceEventNames.RequestCompleted : null);

    private TracePayload ReadPayload(ref JsonFields f, string eventName, string path)
    {
        if (wanted is not null && !wanted(eventName))
        {
            f.SkipCurrent();
            return OtherEvent.Instance;
        }

        return eventName switch
        {
            TraceEventNames.StationSelection => TracePayloads.StationSelection(ref f, path),
            TraceEventNames.RouteTargetOverrideApplied => TracePayloads.RouteTargetOverride(ref f, path),
            TraceEventNames.RetryOptions => TracePayloads.RetryOptions(ref f, path),
            TraceEventNames.AttemptSelect => TracePayloads.AttemptSelect(ref f, path),
            TraceEventNames.ShadowMismatch => TracePayloads.ShadowMismatch(ref f, path),
            TraceEventNames.SelectionExplain => TracePayloads.SelectionExplain(ref f, path),
            TraceEventNames.SameStationExhausted or TraceEventNames.SameStationFailover => TracePayloads.StationFailover(ref f, path),
            TraceEventNames.CrossStationFailoverBlocked => TracePayloads.CrossStationFailoverBlocked(ref f, path),
            TraceEventNames.ProviderRuntimeOverride => TracePayloads.ProviderRuntimeOverride(ref f, path),
            TraceEventNames.RequestCompleted => new RequestCompleted(RequestLineParser.Read(ref f, path)),
            _ when TraceEventNames.LegacyOutcomes.Contains(eventName) => TracePayloads.LegacyAttemptOutcome(ref f, path),
            _ => Skip(ref f),
        };
    }

    private static OtherEvent Skip(ref JsonFields f)
    {
        f.SkipCurrent();
        return OtherEvent.Instance;
    }
}
