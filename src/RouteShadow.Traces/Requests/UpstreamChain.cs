using System.Globalization;

namespace RouteShadow.Traces.Requests;

/// <summary>
/// codex-helper's chain parser (<c>parse_route_attempts_from_chain</c>), mirrored so derived
/// decisions match theirs. It reads every grammar the proxy ever wrote: the 0.15.0 identity
/// entries (<c>station=… upstream_index=… url=…</c> for stations, <c>endpoint=svc/p/e group=G url=…</c>
/// for route graphs), the older <c>station:url (idx=N)</c> and <c>url (idx=N)</c> entries, and
/// the <c>all_upstreams_avoided total=N</c> marker.
/// </summary>
public static class UpstreamChain
{
    private static readonly string[] Keys =
    [
        "status", "class", "model", "transport_error", "target_build_error", "body_read_error", "body_too_large",
        "skipped_unsupported_model", "total", "station", "endpoint", "group", "compat_station", "upstream_index",
        "url", "avoid_candidates", "avoid",
    ];

    private const string IdxMarker = " (idx=";

    /// <summary>Parses the chain entry at <paramref name="index"/> into a route attempt row.</summary>
    public static RouteAttempt Parse(string entry, int index)
    {
        var raw = entry.Trim();
        if (raw.StartsWith("all_upstreams_avoided", StringComparison.Ordinal))
        {
            return new RouteAttempt
            {
                AttemptIndex = index,
                Decision = AttemptDecisions.AllUpstreamsAvoided,
                Reason = "total=" + Value(raw, "total"),
                Skipped = true,
                Raw = raw,
            };
        }

        string target, meta;
        int? upstreamIndex = null;
        var idxAt = raw.IndexOf(IdxMarker, StringComparison.Ordinal);
        if (idxAt >= 0)
        {
            target = raw[..idxAt];
            var close = raw.IndexOf(')', idxAt);
            var digits = close < 0 ? raw[(idxAt + IdxMarker.Length)..] : raw[(idxAt + IdxMarker.Length)..close];
            upstreamIndex = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) ? idx : null;
            meta = close < 0 ? "" : raw[(close + 1)..];
        }
        else if (FirstKeyPosition(raw) is { } first)
        {
            target = raw[..first];
            meta = raw[first..];
        }
        else
        {
            (target, meta) = (raw, "");
        }

        target = target.Trim();
        string? station = null, baseUrl;
        var schemeAt = target.IndexOf(":http", StringComparison.Ordinal);
        if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal))
        {
            baseUrl = target;
        }
        else if (schemeAt >= 0 && (target[(schemeAt + 1)..].StartsWith("http://", StringComparison.Ordinal)
                                   || target[(schemeAt + 1)..].StartsWith("https://", StringComparison.Ordinal)))
        {
            station = target[..schemeAt];
            baseUrl = target[(schemeAt + 1)..];
        }
        else
        {
            baseUrl = target;
        }

        station = Value(raw, "station") ?? station;
        string? key = null, providerId = null, endpointId = null;
        if (Value(raw, "endpoint") is { } endpoint and not "-")
        {
            key = endpoint;
            var parts = endpoint.Split('/');
            if (parts.Length >= 3)
            {
                (providerId, endpointId) = (parts[1], parts[2]);
            }
        }

        var attempt = new RouteAttempt
        {
            AttemptIndex = index,
            Decision = AttemptDecisions.Observed,
            Raw = raw,
            ProviderEndpointKey = key,
            ProviderId = providerId,
            EndpointId = endpointId,
            PreferenceGroup = Int(Value(raw, "group")),
            StationName = Value(raw, "compat_station") ?? station,
            UpstreamIndex = Int(Value(raw, "upstream_index")) ?? upstreamIndex,
            UpstreamBaseUrl = Value(raw, "url") ?? (baseUrl.Length > 0 ? baseUrl : null),
            AvoidedCandidateIndices = List(Value(raw, "avoid_candidates")),
            AvoidForStation = List(Value(raw, "avoid")),
        };
        return Outcome(attempt, meta);
    }

    /// <summary>Applies the outcome keys found in the entry's tail, later ones overriding earlier ones.</summary>
    private static RouteAttempt Outcome(RouteAttempt a, string meta)
    {
        if (Int(Value(meta, "status")) is { } status)
        {
            a = a with { StatusCode = status, Decision = status is >= 200 and < 300 ? AttemptDecisions.Completed : AttemptDecisions.FailedStatus };
        }

        if (Value(meta, "class") is { } errorClass && !errorClass.Equals("-", StringComparison.OrdinalIgnoreCase))
        {
            a = a with { ErrorClass = errorClass };
        }

        if (Value(meta, "model") is { } model)
        {
            a = a with { Model = model };
        }

        if (Value(meta, "skipped_unsupported_model") is { } skippedFor)
        {
            a = a with { Decision = AttemptDecisions.SkippedCapabilityMismatch, Reason = "unsupported_model", Model = skippedFor, Skipped = true };
        }

        a = Error(a, meta, "transport_error", AttemptDecisions.FailedTransport, "upstream_transport_error");
        a = Error(a, meta, "target_build_error", AttemptDecisions.FailedTargetBuild, "target_build_error");
        a = Error(a, meta, "body_read_error", AttemptDecisions.FailedBodyRead, "upstream_body_read_error");
        return Error(a, meta, "body_too_large", AttemptDecisions.FailedBodyTooLarge, "upstream_response_body_too_large");
    }

    private static RouteAttempt Error(RouteAttempt a, string meta, string key, string decision, string errorClass) =>
        Value(meta, key) is { } message ? a with { Decision = decision, Reason = message, ErrorClass = errorClass } : a;

    /// <summary>Where <c>key=</c> starts: at the start of the text or after a space.</summary>
    private static int FindKey(string s, string key)
    {
        var needle = key + "=";
        for (var at = s.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = s.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || s[at - 1] == ' ')
            {
                return at;
            }
        }

        return -1;
    }

    private static int? FirstKeyPosition(string s)
    {
        int? first = null;
        foreach (var key in Keys)
        {
            var at = FindKey(s, key);
            if (at >= 0 && (first is null || at < first))
            {
                first = at;
            }
        }

        return first;
    }

    /// <summary>The value of <c>key=</c>: up to the next <c> other=</c> of a known key, trimmed; null when absent or empty.</summary>
    private static string? Value(string s, string key)
    {
        var at = FindKey(s, key);
        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length + 1;
        var end = s.Length;
        foreach (var other in Keys)
        {
            if (other == key)
            {
                continue;
            }

            var next = s.IndexOf(" " + other + "=", start, StringComparison.Ordinal);
            if (next >= 0 && next < end)
            {
                end = next;
            }
        }

        var value = s[start..end].Trim();
        return value.Length == 0 ? null : value;
    }

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int[] List(string? text) =>
        text is null ? [] : [.. text.Split(',').Select(t => Int(t.Trim())).OfType<int>()];
}
