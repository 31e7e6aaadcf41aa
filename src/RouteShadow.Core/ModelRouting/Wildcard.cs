namespace RouteShadow.Core.ModelRouting;

/// <summary>
/// codex-helper's single-star model patterns. Every comparison is ordinal; nothing is trimmed.
/// A pattern with two or more stars never matches; prefix and suffix may overlap
/// (<c>ab*ba</c> matches <c>aba</c>).
/// </summary>
public static class Wildcard
{
    public static bool Matches(string pattern, string text)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, text, StringComparison.Ordinal);
        }

        if (pattern.IndexOf('*', star + 1) >= 0)
        {
            return false;
        }

        // Compared as spans of the pattern: both engines match every pattern of every upstream
        // they consider, and splitting would allocate two strings each time.
        return text.AsSpan().StartsWith(pattern.AsSpan(0, star), StringComparison.Ordinal)
               && text.AsSpan().EndsWith(pattern.AsSpan(star + 1), StringComparison.Ordinal);
    }

    /// <summary>Splits a pattern with exactly one star into the text before and after it.</summary>
    public static bool TrySplit(string pattern, out string prefix, out string suffix)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0 || pattern.IndexOf('*', star + 1) >= 0)
        {
            prefix = suffix = string.Empty;
            return false;
        }

        prefix = pattern[..star];
        suffix = pattern[(star + 1)..];
        return true;
    }
}
