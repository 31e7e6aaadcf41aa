using System.Globalization;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>
/// Parses one control-trace line: the envelope by key, then the payload with the parser of its
/// event. A bare payload (a <c>retry_trace.jsonl</c> line, or an entry written without envelope
/// fields) is read as its own payload. Events the caller does not want are still checked to be
/// valid as far as their envelope — up to the event name — and to end like an object, but not
/// read further: a replay reads gigabytes of events it has no use for. Payloads that repeat are
/// recognised by <see cref="PayloadMemo"/> rather than parsed again, and <c>detail</c> — a digest
/// of the payload that readers re-derive — is skipped without being read.
/// </summary>
internal sealed class TraceLineParser(Func<string, bool>? wanted)
{
    private readonly PayloadMemo _memo = new();

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
            if (envelope && payload is null && payloadStart < 0 && Unwanted(EventName(kind, name)))
            {
                return EndsLikeAnObject(line) ? null : throw new System.Text.Json.JsonException(null, null, null, line.Length);
            }

            if (f.Is("ts_ms"u8)) ts = f.UInt("ts_ms");
            else if (f.Is("kind"u8)) (kind, envelope) = (f.Shared("kind"), true);
            else if (f.Is("service"u8)) service = f.NullableShared("service");
            else if (f.Is("request_id"u8)) requestId = f.IsNull ? null : f.UIntOrNumericString("request_id");
            else if (f.Is("trace_id"u8)) traceId = f.NullableString("trace_id");
            else if (f.Is("event"u8)) name = f.NullableShared("event");
            else if (f.Is("detail"u8))
            {
                // The detail is a digest of the payload and is not read: go straight to the payload.
                if (envelope && FromPayloadAfter(line, f.TokenStart, EventName(kind, name)) is { } direct)
                {
                    payload = direct;
                    break;
                }

                f.SkipCurrent();
            }
            else if (f.Is("payload"u8))
            {
                envelope = true;
                var eventName = EventName(kind, name);
                if (eventName is not null && eventName != TraceEventNames.RequestCompleted && LastValue(line, f.TokenStart) is var (start, end)
                    && Remembered(line[start..end], eventName) is { } remembered)
                {
                    // The payload closes the line: nothing after it is left to read.
                    payload = remembered;
                    break;
                }

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

        if (payload is null or RequestCompleted || !envelope)
        {
            f.ReadToEnd();
        }

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

    /// <summary>The payload that closes the line, found by its key after <paramref name="from"/>; null when that does not work out.</summary>
    private TracePayload? FromPayloadAfter(ReadOnlySpan<byte> line, long from, string? eventName)
    {
        if (eventName is null or TraceEventNames.RequestCompleted)
        {
            return null;
        }

        var key = line[(int)from..].IndexOf(",\"payload\":"u8);
        if (key < 0)
        {
            return null;
        }

        var start = (int)from + key + ",\"payload\":".Length;
        return LastValue(line, start) is var (s, e) ? Remembered(line[s..e], eventName) : null;
    }

    /// <summary>
    /// The payload parsed from its own bytes, through the memo; null when the slice is not a whole
    /// JSON value (then the line is read the ordinary way, which reports any error properly).
    /// </summary>
    private TracePayload? Remembered(ReadOnlySpan<byte> slice, string eventName)
    {
        if (_memo.Find(slice, out var key) is { } known)
        {
            return known;
        }

        try
        {
            var p = new JsonFields(slice);
            var parsed = ReadPayload(ref p, eventName, "$.payload");
            p.ReadToEnd();
            _memo.Remember(key, parsed);
            return parsed;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Where the value starting at <paramref name="start"/> ends if it is an object that only the envelope's closing brace follows.</summary>
    private static (int Start, int End)? LastValue(ReadOnlySpan<byte> line, long start)
    {
        var trimmed = line.TrimEnd(" \t\r"u8);
        if (trimmed is not [.., (byte)'}'] || line[(int)start] != (byte)'{')
        {
            return null;
        }

        var end = trimmed[..^1].TrimEnd(" \t\r"u8).Length;
        return end > start && line[end - 1] == (byte)'}' ? ((int)start, end) : null;
    }

    private bool Unwanted(string? eventName) => eventName is not null && wanted is not null && !wanted(eventName);

    /// <summary>A cheap check on the part of a line that is not parsed: a cut line does not end with <c>}</c>.</summary>
    private static bool EndsLikeAnObject(ReadOnlySpan<byte> line) => line.TrimEnd(" \t\r"u8) is [.., (byte)'}'];

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
