using System.Globalization;

namespace RouteShadow.Cli.Commands;

/// <summary>Reads <c>--since</c>: an ISO 8601 time (UTC unless it says otherwise), unix milliseconds, or a duration back from now.</summary>
internal static class TriageSince
{
    public static long? Parse(string? text, TimeProvider clock)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs))
        {
            return unixMs;
        }

        if (trimmed.Length > 1 && double.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && Unit(trimmed[^1]) is { } unit)
        {
            return (clock.GetUtcNow() - amount * unit).ToUnixTimeMilliseconds();
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }

        throw new UsageException($"--since {text}: not a time (2026-05-14T08:00:00Z), unix milliseconds or a duration (90s, 30m, 24h, 7d)");
    }

    private static TimeSpan? Unit(char suffix) => suffix switch
    {
        's' => TimeSpan.FromSeconds(1),
        'm' => TimeSpan.FromMinutes(1),
        'h' => TimeSpan.FromHours(1),
        'd' => TimeSpan.FromDays(1),
        _ => null,
    };
}
