using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow;

/// <summary>The report's attempt fields by wire name, each rendered as compact JSON text for diffs.</summary>
public static class AttemptFields
{
    public sealed record Field(string Name, Func<ShadowAttempt, string> Render);

    public static IReadOnlyList<Field> All { get; } =
    [
        new("decision", a => Quote(Wire(a.Decision))),
        new("station_name", a => Quote(a.StationName)),
        new("upstream_index", a => Number(a.UpstreamIndex)),
        new("upstream_base_url", a => Quote(a.UpstreamBaseUrl)),
        new("provider_id", a => Quote(a.ProviderId)),
        new("endpoint_id", a => Quote(a.EndpointId)),
        new("route_path", a => "[" + string.Join(",", a.RoutePath.Select(s => Quote(s))) + "]"),
        new("avoid_for_station", a => "[" + string.Join(",", a.AvoidForStation.Select(Number)) + "]"),
        new("avoided_total", a => Number(a.AvoidedTotal)),
        new("total_upstreams", a => Number(a.TotalUpstreams)),
        new("reason", a => Quote(a.Reason)),
    ];

    public static string Wire(AttemptDecision decision) => decision switch
    {
        AttemptDecision.Selected => "selected",
        AttemptDecision.SkippedCapabilityMismatch => "skipped_capability_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? value) =>
        value is null ? "null" : "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
