using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow;

/// <summary>The report's attempt fields by wire name, each rendered as compact JSON text for diffs.</summary>
public static class AttemptFields
{
    /// <summary>One attempt field.</summary>
    /// <param name="Same">Whether two attempts hold the same value: equal values render equal, so a diff renders only the fields that fail it.</param>
    public sealed record Field(string Name, Func<ShadowAttempt, ShadowAttempt, bool> Same, Func<ShadowAttempt, string> Render);

    /// <summary>The characters the encoder never escapes that <see cref="IsPlain"/> looks for.</summary>
    private static readonly SearchValues<char> Unescaped =
        SearchValues.Create([.. Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).Where(c => c is not '"' and not '\\')]);

    public static IReadOnlyList<Field> All { get; } =
    [
        new("decision", (a, b) => a.Decision == b.Decision, a => Quote(Wire(a.Decision))),
        Text("station_name", a => a.StationName),
        Number("upstream_index", a => a.UpstreamIndex),
        Text("upstream_base_url", a => a.UpstreamBaseUrl),
        Text("provider_id", a => a.ProviderId),
        Text("endpoint_id", a => a.EndpointId),
        new("route_path", (a, b) => a.RoutePath.SequenceEqual(b.RoutePath, StringComparer.Ordinal), a => Array(a.RoutePath)),
        new("avoid_for_station", (a, b) => a.AvoidForStation.SequenceEqual(b.AvoidForStation), a => Array(a.AvoidForStation)),
        Number("avoided_total", a => a.AvoidedTotal),
        Number("total_upstreams", a => a.TotalUpstreams),
        Text("reason", a => a.Reason),
    ];

    public static string Wire(AttemptDecision decision) => decision switch
    {
        AttemptDecision.Selected => "selected",
        AttemptDecision.SkippedCapabilityMismatch => "skipped_capability_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    private static Field Text(string name, Func<ShadowAttempt, string?> value) =>
        new(name, (a, b) => string.Equals(value(a), value(b), StringComparison.Ordinal), a => Quote(value(a)));

    private static Field Number(string name, Func<ShadowAttempt, int> value) =>
        new(name, (a, b) => value(a) == value(b), a => Number(value(a)));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        return IsPlain(value)
            ? string.Concat("\"", value, "\"")
            : "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
    }

    /// <summary>
    /// Printable ASCII other than the quote and backslash, which the encoder leaves as it is: such
    /// values (nearly all) are quoted without its UTF-8 round trip.
    /// </summary>
    private static bool IsPlain(string value) => !value.AsSpan().ContainsAnyExcept(Unescaped);

    /// <summary>A JSON array of numbers or strings, built in a pooled buffer: only the finished text is allocated.</summary>
    private static string Array<T>(IReadOnlyList<T> items)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        text.AppendLiteral("[");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.AppendLiteral(",");
            }

            if (items[i] is int number)
            {
                text.AppendFormatted(number);
            }
            else if (items[i] is string plain && IsPlain(plain))
            {
                text.AppendLiteral("\"");
                text.AppendFormatted(plain);
                text.AppendLiteral("\"");
            }
            else
            {
                text.AppendFormatted(Quote(items[i] as string));
            }
        }

        text.AppendLiteral("]");
        return text.ToStringAndClear();
    }
}
