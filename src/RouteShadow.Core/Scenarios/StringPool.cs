using System.Text;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// Reuses the strings a thread has already read: scenario files repeat the same base URLs,
/// station names, tags and models line after line, and a batch reads millions of them.
/// Bounded: when full it starts over, so memory stays flat whatever the input.
/// </summary>
internal static class StringPool
{
    private const int MaxEntries = 8192;
    private const int MaxPooledBytes = 128;

    [ThreadStatic]
    private static HashSet<string>? _pool;

    /// <summary>The string for unescaped UTF-8 <paramref name="utf8"/>, shared when it was seen before.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxPooledBytes];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var pool = _pool ??= new HashSet<string>(StringComparer.Ordinal);
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var pooled))
        {
            return pooled;
        }

        if (pool.Count >= MaxEntries)
        {
            pool.Clear();
        }

        var created = new string(chars[..length]);
        pool.Add(created);
        return created;
    }
}
