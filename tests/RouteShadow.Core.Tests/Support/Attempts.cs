using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Tests.Support;

/// <summary>
/// Expected shadow attempts in the spec's notation (§9.0, §9.6): <c>sel|skip(station#idx, pid, eid,
/// path, avoid, tot, N)</c>. The short forms fill <c>provider_id</c>, <c>endpoint_id</c> and
/// <c>route_path</c> by the spec's formulas from the upstream's own tags — written out here, not
/// borrowed from Core.
/// </summary>
internal static class Attempts
{
    /// <summary>A fully spelled-out <c>selected</c> attempt.</summary>
    public static ShadowAttempt Selected(
        string station, int index, string url, string? providerId, string endpointId, string[] path, int[] avoid, int tot, int n) =>
        new(AttemptDecision.Selected, station, index, url, providerId, endpointId, path, avoid, tot, n, null);

    /// <summary>A fully spelled-out <c>skipped_capability_mismatch</c> attempt (reason <c>unsupported_model</c>).</summary>
    public static ShadowAttempt Skipped(
        string station, int index, string url, string? providerId, string endpointId, string[] path, int[] avoid, int tot, int n) =>
        new(AttemptDecision.SkippedCapabilityMismatch, station, index, url, providerId, endpointId, path, avoid, tot, n, "unsupported_model");

    /// <summary><c>sel(station#idx, [avoid], tot, N)</c>, the other fields by the §9.6 formulas.</summary>
    public static ShadowAttempt Sel(Station station, int index, int[] avoid, int tot, int n) =>
        Short(AttemptDecision.Selected, station, index, avoid, tot, n);

    /// <summary><c>skip(station#idx, [avoid], tot, N)</c>, the other fields by the §9.6 formulas.</summary>
    public static ShadowAttempt Skip(Station station, int index, int[] avoid, int tot, int n) =>
        Short(AttemptDecision.SkippedCapabilityMismatch, station, index, avoid, tot, n);

    /// <summary>One attempt per line as compact JSON, so a failing comparison shows the fields.</summary>
    public static string Render(IEnumerable<ShadowAttempt> attempts) =>
        string.Join('\n', attempts.Select(a => "{" + string.Join(",", AttemptFields.All.Select(f => f.Name + ":" + f.Render(a))) + "}"));

    /// <summary>Asserts two attempt lists are equal field for field, showing both on failure.</summary>
    public static void AssertEqual(IReadOnlyList<ShadowAttempt> expected, IReadOnlyList<ShadowAttempt> actual)
    {
        Assert.Equal(Render(expected), Render(actual));
        Assert.True(expected.SequenceEqual(actual), "attempt lists render alike but are not equal");
    }

    /// <summary>(station, index) of each attempt, for order-only assertions.</summary>
    public static (string Station, int Index)[] Order(IEnumerable<ShadowAttempt> attempts) =>
        [.. attempts.Select(a => (a.StationName, a.UpstreamIndex))];

    private static ShadowAttempt Short(AttemptDecision decision, Station station, int index, int[] avoid, int tot, int n)
    {
        var upstream = station.Upstreams[index];
        var rawProviderId = upstream.Tags.TryGetValue("provider_id", out var pid) ? pid : null;
        var endpointId = upstream.Tags.TryGetValue("endpoint_id", out var eid) ? eid : index.ToString(CultureInfo.InvariantCulture);
        var pathProvider = rawProviderId ?? station.Name + "#" + index.ToString(CultureInfo.InvariantCulture);
        return new ShadowAttempt(
            decision,
            station.Name,
            index,
            upstream.BaseUrl,
            rawProviderId,
            endpointId,
            ["legacy", station.Name, pathProvider],
            avoid,
            tot,
            n,
            decision == AttemptDecision.Selected ? null : "unsupported_model");
    }
}
