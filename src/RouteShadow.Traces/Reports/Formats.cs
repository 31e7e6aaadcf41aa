using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.Reports;

/// <summary>How times and attempts are written in every output, so they read the same everywhere.</summary>
internal static class Formats
{
    /// <summary>UTC, to the millisecond: <c>2025-05-14T08:00:01.123Z</c>.</summary>
    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>UTC, to the minute: <c>2025-05-14 08:00</c>.</summary>
    public static string Minute(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>station#index</c>, with <c>(skip)</c> for a model skip.</summary>
    public static string Attempt(ProductionAttempt attempt) =>
        attempt.Target + (attempt.Decision == AttemptDecision.SkippedCapabilityMismatch ? " (skip)" : "");

    public static string Attempt(ShadowAttempt attempt) =>
        attempt.UpstreamRef + (attempt.Decision == AttemptDecision.SkippedCapabilityMismatch ? " (skip)" : "");

    public static string Percent(long part, long whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
