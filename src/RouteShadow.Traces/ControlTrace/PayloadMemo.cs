using System.Buffers;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>
/// Remembers parsed payloads by their bytes with the per-request numbers (<c>ts_ms</c>,
/// <c>request_id</c>) masked out. A trace repeats the same station selection, retry plan and
/// attempt shapes request after request; a payload byte-identical to one parsed before, but for
/// those digits, parses to the same record, so it is not tokenised again. Bounded; per parser.
/// </summary>
internal sealed class PayloadMemo
{
    private const int Capacity = 1024;

    private static readonly byte[][] MaskedKeys = ["\"ts_ms\":"u8.ToArray(), "\"request_id\":"u8.ToArray()];

    private readonly Dictionary<int, (byte[] Masked, TracePayload Payload)> _known = [];
    private readonly ArrayBufferWriter<byte> _masked = new(4096);

    /// <summary>The payload remembered for these bytes, or null.</summary>
    public TracePayload? Find(ReadOnlySpan<byte> payload, out int key)
    {
        Mask(payload);
        var hash = new HashCode();
        hash.AddBytes(_masked.WrittenSpan);
        key = hash.ToHashCode();
        return _known.TryGetValue(key, out var known) && known.Masked.AsSpan().SequenceEqual(_masked.WrittenSpan) ? known.Payload : null;
    }

    /// <summary>Remembers the payload last passed to <see cref="Find"/>.</summary>
    public void Remember(int key, TracePayload payload)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[key] = (_masked.WrittenSpan.ToArray(), payload);
    }

    /// <summary>Copies the payload without the digits that follow each masked key.</summary>
    private void Mask(ReadOnlySpan<byte> payload)
    {
        _masked.ResetWrittenCount();
        while (true)
        {
            var (at, keyLength) = NextMaskedKey(payload);
            if (at < 0)
            {
                _masked.Write(payload);
                return;
            }

            var afterKey = at + keyLength;
            _masked.Write(payload[..afterKey]);
            var digits = payload[afterKey..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            payload = payload[(afterKey + (digits < 0 ? payload.Length - afterKey : digits))..];
        }
    }

    private static (int At, int KeyLength) NextMaskedKey(ReadOnlySpan<byte> payload)
    {
        var (first, length) = (-1, 0);
        foreach (var key in MaskedKeys)
        {
            var at = payload.IndexOf(key);
            if (at >= 0 && (first < 0 || at < first))
            {
                (first, length) = (at, key.Length);
            }
        }

        return (first, length);
    }
}
