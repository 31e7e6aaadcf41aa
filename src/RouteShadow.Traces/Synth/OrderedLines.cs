using System.Buffers;
using System.Text.Json;

namespace RouteShadow.Traces.Synth;

/// <summary>Lines held until no later-starting request can end before them, then written in time order.</summary>
internal sealed class OrderedLines(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
    private readonly PriorityQueue<byte[], (long AtMs, long Sequence)> _pending = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private long _sequence;

    public long Written { get; private set; }

    public void Add(long atMs, JsonObjectBuilder line, bool sorted)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, RouteShadow.Core.Scenarios.ScenarioWriter.Compact))
        {
            line.Write(writer, sorted);
        }

        _pending.Enqueue([.. _buffer.WrittenSpan, (byte)'\n'], (atMs, _sequence++));
    }

    public void FlushBefore(long atMs)
    {
        while (_pending.TryPeek(out _, out var key) && key.AtMs <= atMs)
        {
            _file.Write(_pending.Dequeue());
            Written++;
        }
    }

    public void FlushAll() => FlushBefore(long.MaxValue);

    public void Dispose() => _file.Dispose();
}
