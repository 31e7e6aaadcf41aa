using System.Buffers.Binary;
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

    /// <summary>
    /// Eight bytes a step, mixed by a multiply whose high half depends on every input bit: pooled
    /// strings are 5–60 bytes, and a byte-at-a-time hash cost as much as the rest of the lookup.
    /// No need to resist crafted input in a bounded cache.
    /// </summary>
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = (ulong)utf8.Length;
        var rest = utf8;
        while (rest.Length > sizeof(ulong))
        {
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(rest));
            rest = rest[sizeof(ulong)..];
        }

        // The last eight bytes, overlapping the step before when the text is longer.
        var last = 0UL;
        if (utf8.Length >= sizeof(ulong))
        {
            last = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]);
        }
        else
        {
            foreach (var b in rest)
            {
                last = (last << 8) | b;
            }
        }

        return (uint)(Mix(hash, last) >> 32);
    }

    private static ulong Mix(ulong hash, ulong bytes) => (hash ^ bytes) * 0x9E3779B97F4A7C15UL;

    private readonly record struct Entry(byte[] Utf8, string Text);
}
