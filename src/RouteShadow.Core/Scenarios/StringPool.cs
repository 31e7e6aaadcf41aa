using System.Text;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// Reuses the strings a thread has already read: scenario files repeat the same base URLs,
/// station names, tags and models line after line, and a batch reads millions of them.
/// A direct-mapped cache keyed by the UTF-8 bytes themselves, so a hit costs a hash and a byte
/// comparison and no decoding; a collision just replaces the slot. Bounded by construction.
/// </summary>
internal static class StringPool
{
    private const int Slots = 4096;
    private const int MaxPooledBytes = 128;

    [ThreadStatic]
    private static Entry[]? _slots;

    /// <summary>The string for unescaped UTF-8 <paramref name="utf8"/>, shared when it was seen before.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref (_slots ??= new Entry[Slots])[Hash(utf8) & (Slots - 1)];
        if (slot.Utf8 is { } seen && utf8.SequenceEqual(seen))
        {
            return slot.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        slot = new Entry(utf8.ToArray(), text);
        return text;
    }

    /// <summary>FNV-1a: short keys, and no need to resist crafted input in a bounded cache.</summary>
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private readonly record struct Entry(byte[] Utf8, string Text);
}
