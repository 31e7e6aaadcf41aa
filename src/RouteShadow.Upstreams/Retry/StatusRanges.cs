using System.Globalization;

namespace RouteShadow.Upstreams.Retry;

/// <summary>A parsed status list such as <c>"429,500-599"</c>: inclusive ranges, invalid tokens dropped as codex-helper does.</summary>
public sealed class StatusRanges
{
    private readonly (int Low, int High)[] _ranges;

    private StatusRanges((int Low, int High)[] ranges) => _ranges = ranges;

    public IReadOnlyList<(int Low, int High)> Ranges => _ranges;

    public static StatusRanges Parse(string list)
    {
        var ranges = new List<(int, int)>();
        foreach (var token in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = token.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (TryCode(token, out var code))
                {
                    ranges.Add((code, code));
                }
            }
            else if (TryCode(token[..dash].Trim(), out var a) && TryCode(token[(dash + 1)..].Trim(), out var b))
            {
                ranges.Add((Math.Min(a, b), Math.Max(a, b)));
            }
        }

        return new StatusRanges([.. ranges]);
    }

    public bool Contains(int status) => _ranges.Any(r => status >= r.Low && status <= r.High);

    private static bool TryCode(string text, out int code) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code) && code <= ushort.MaxValue;
}
