namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// The status rule matching reads from an error (seed-engines A.4): a different function from the
/// classifier. It reads the error's display string (<c>Thrown: …</c>, <c>Error [cat]: …</c>),
/// lower-cased, after the first occurrence of each needle in turn; the final fallback (leading
/// digits of the whole text) never fires because of the prefix, so it is left out.
/// </summary>
public static class StatusExtraction
{
    private static readonly string[] Needles = ["http ", "status_code: ", "status: ", "status "];

    public static int? FromDisplay(string display)
    {
        var text = display.ToLowerInvariant();
        foreach (var needle in Needles)
        {
            var at = text.IndexOf(needle, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var start = at + needle.Length;
            var end = start;
            while (end < text.Length && char.IsAsciiDigit(text[end]) && end - start < 9)
            {
                end++;
            }

            if (end > start && int.Parse(text.AsSpan(start, end - start), System.Globalization.CultureInfo.InvariantCulture) is var status and >= 100 and <= 599)
            {
                return status;
            }
        }

        return null;
    }
}
