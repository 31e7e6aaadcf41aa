using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// A strict, forward-only reader over one UTF-8 JSON document that knows where it is: the JSON
/// path of the current value (kept as offsets, rendered only for an error) and its line. Every
/// error it raises is a <see cref="ScenarioFormatException"/> naming both.
/// </summary>
internal ref struct JsonCursor
{
    /// <summary>The deepest nesting the reader accepts, and so the longest path the cursor keeps.</summary>
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _utf8;
    private Utf8JsonReader _reader;

    // The path lives in the cursor itself: reading a document allocates nothing for it.
    private PathSegments _path;
    private int _depth;

    // The current field's name as written; an escaped one is decoded only when it is asked for.
    private ReadOnlySpan<byte> _fieldName;
    private bool _fieldNameIsEscaped;
    private int _closedObjectStart;

    public JsonCursor(ReadOnlySpan<byte> utf8)
    {
        _utf8 = utf8;
        _reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        Read();
    }

    public readonly JsonTokenType Token => _reader.TokenType;

    public readonly bool IsNull => _reader.TokenType == JsonTokenType.Null;

    /// <summary>Enters the object at the cursor.</summary>
    public void EnterObject()
    {
        Expect(JsonTokenType.StartObject, "an object");
        _path[_depth++] = Segment.Object((int)_reader.TokenStartIndex);
    }

    /// <summary>Moves to the next field's value; false (and leaves the object) at its end.</summary>
    public bool NextField()
    {
        Read();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            _closedObjectStart = _path[--_depth].ObjectStart;
            return false;
        }

        _path[_depth - 1] = _path[_depth - 1] with { IsField = true, Offset = (int)_reader.TokenStartIndex };
        _fieldName = _reader.ValueSpan;
        _fieldNameIsEscaped = _reader.ValueIsEscaped;
        Read();
        return true;
    }

    /// <summary>Whether the current field is named <paramref name="name"/>.</summary>
    public readonly bool FieldIs(ReadOnlySpan<byte> name) =>
        _fieldNameIsEscaped ? EscapedFieldIs(name) : _fieldName.SequenceEqual(name);

    /// <summary>Where the current field's name starts, to report an error about it later.</summary>
    public readonly int FieldOffset => _path[_depth - 1].Offset;

    /// <summary>The current field's name.</summary>
    public readonly string FieldName() => _fieldNameIsEscaped ? EscapedFieldName() : StringPool.Get(_fieldName);

    // The rare escaped name is decoded out of line: a reader on the stack of the hot callers would cost them its zeroing on every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly bool EscapedFieldIs(ReadOnlySpan<byte> name) => NameReaderAt(FieldOffset).ValueTextEquals(name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly string EscapedFieldName()
    {
        var name = NameReaderAt(FieldOffset);
        return Text(in name);
    }

    /// <summary>Marks a known field as seen, rejecting a second occurrence.</summary>
    public readonly void Once(ref int seen, int bit)
    {
        if ((seen & (1 << bit)) != 0)
        {
            throw Error("duplicate field");
        }

        seen |= 1 << bit;
    }

    public readonly ScenarioFormatException UnknownField() => Error("unknown field");

    /// <summary>Enters the array at the cursor.</summary>
    public void EnterArray()
    {
        Expect(JsonTokenType.StartArray, "an array");
        _path[_depth++] = Segment.Item(-1);
    }

    /// <summary>Moves to the next item; false (and leaves the array) at its end.</summary>
    public bool NextItem()
    {
        Read();
        if (_reader.TokenType == JsonTokenType.EndArray)
        {
            _depth--;
            return false;
        }

        _path[_depth - 1] = Segment.Item(_path[_depth - 1].Offset + 1);
        return true;
    }

    public readonly string String()
    {
        Expect(JsonTokenType.String, "a string");
        return Text(in _reader);
    }

    /// <summary>
    /// A string that is not pooled, for text that never repeats (a scenario's name): pooling it
    /// would only copy its bytes and evict a string that does.
    /// </summary>
    public readonly string UniqueString()
    {
        Expect(JsonTokenType.String, "a string");
        return Text(in _reader, pooled: false);
    }

    public readonly string? NullableString() => IsNull ? null : String();

    public readonly bool Bool() => _reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Expected("true or false"),
    };

    public readonly long Int64()
    {
        Expect(JsonTokenType.Number, "an integer");
        return _reader.TryGetInt64(out var value) ? value : throw Error($"expected an integer, found {Raw()}");
    }

    public readonly ulong UInt64()
    {
        Expect(JsonTokenType.Number, "a non-negative integer");
        return _reader.TryGetUInt64(out var value) ? value : throw Error($"expected a non-negative integer, found {Raw()}");
    }

    public readonly uint UInt32()
    {
        var value = UInt64();
        return value <= uint.MaxValue ? (uint)value : throw Error($"{value} is larger than {uint.MaxValue}");
    }

    /// <summary>A number of any form, with its integer value when it is written as one that fits a <see cref="long"/>.</summary>
    public readonly (long? Integer, double Value) Number()
    {
        Expect(JsonTokenType.Number, "a number");
        var value = _reader.TryGetDouble(out var number) && double.IsFinite(number) ? number : throw Error($"{Raw()} is out of range");
        return (_reader.TryGetInt64(out var integer) ? integer : null, value);
    }

    /// <summary>A non-negative index or count that fits an <see cref="int"/>.</summary>
    public readonly int Index()
    {
        var value = UInt64();
        return value <= int.MaxValue ? (int)value : throw Error($"{value} is out of range");
    }

    /// <summary>Reads an object of string keys into a map, rejecting duplicate keys; null for a JSON null or an empty object.</summary>
    public IReadOnlyDictionary<string, T>? Map<T>(ReadValue<T> read)
    {
        if (IsNull)
        {
            return null;
        }

        EnterObject();
        if (!NextField())
        {
            // Most maps are empty: the upstream's shared empty map serves them.
            return null;
        }

        // Most of the rest are small: they are read on the stack into a compact map.
        var head = default(ShortArray<KeyValuePair<string, T>>);
        Dictionary<string, T>? large = null;
        var count = 0;
        do
        {
            var key = FieldName();
            var value = read(ref this);
            if (large is null && count < ShortArray<T>.Length)
            {
                if (HasKey(head[..count], key))
                {
                    throw Error("duplicate key");
                }

                head[count++] = new(key, value);
            }
            else if (!(large ??= new(head[..count].ToArray(), StringComparer.Ordinal)).TryAdd(key, value))
            {
                throw Error("duplicate key");
            }
        }
        while (NextField());

        return large ?? (IReadOnlyDictionary<string, T>)new CompactMap<T>(head[..count].ToArray());
    }

    /// <summary>Like <see cref="Map{T}"/>, with the shared empty map for a JSON null or an empty object.</summary>
    public IReadOnlyDictionary<string, T> MapOrEmpty<T>(ReadValue<T> read) => Map(read) ?? CompactMap<T>.Empty;

    private static bool HasKey<T>(ReadOnlySpan<KeyValuePair<string, T>> entries, string key)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A string token's text, pooled when <paramref name="pooled"/> unless it has escapes or lives in several buffers.</summary>
    private readonly string Text(in Utf8JsonReader reader, bool pooled = true)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return pooled ? StringPool.Get(reader.ValueSpan) : Encoding.UTF8.GetString(reader.ValueSpan);
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // An escape that is not text, such as a lone surrogate ("\ud800").
            throw Error("not a valid string: " + ex.Message);
        }
    }

    /// <summary>Reads an array with <paramref name="read"/>; null for a JSON null.</summary>
    public T[]? Array<T>(ReadValue<T> read)
    {
        if (IsNull)
        {
            return null;
        }

        EnterArray();

        // Nearly every array in a scenario is short: the first items go to the stack, so reading
        // one allocates just its result.
        var head = default(ShortArray<T>);
        List<T>? tail = null;
        var count = 0;
        while (NextItem())
        {
            var item = read(ref this);
            if (count < ShortArray<T>.Length)
            {
                head[count] = item;
            }
            else
            {
                (tail ??= []).Add(item);
            }

            count++;
        }

        if (count == 0)
        {
            return [];
        }

        var items = new T[count];
        ((ReadOnlySpan<T>)head)[..Math.Min(count, ShortArray<T>.Length)].CopyTo(items);
        tail?.CopyTo(items, ShortArray<T>.Length);
        return items;
    }

    /// <summary>Checks the document has nothing after its root value.</summary>
    public void End()
    {
        if (_reader.Read())
        {
            throw Error("unexpected data after the document");
        }
    }

    /// <summary>An error at the current value.</summary>
    public readonly ScenarioFormatException Error(string reason) => new(Path(), reason, LineAt((int)_reader.TokenStartIndex));

    /// <summary>A required field the object just read does not have, reported at the object's first line.</summary>
    public readonly ScenarioFormatException MissingField(string field) =>
        new(Path(), $"missing required field '{field}'", LineAt(_closedObjectStart));

    /// <summary>An error about a field of the object just read, found at <paramref name="offset"/>.</summary>
    public readonly ScenarioFormatException FieldError(string field, int offset, string reason) =>
        new(JsonPaths.Field(Path(), field), reason, LineAt(offset));

    public readonly string Path() => Render(_depth);

    private void Read()
    {
        try
        {
            if (!_reader.Read())
            {
                throw Error("unexpected end of the document");
            }
        }
        catch (JsonException ex)
        {
            throw new ScenarioFormatException(Path(), "malformed JSON: " + FirstSentence(ex.Message), (ex.LineNumber ?? 0) + 1, ex);
        }
    }

    private readonly void Expect(JsonTokenType token, string what)
    {
        if (_reader.TokenType != token)
        {
            throw Expected(what);
        }
    }

    private readonly ScenarioFormatException Expected(string what) => Error($"expected {what}, found {Describe()}");

    private readonly string Describe() => _reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "the number " + Raw(),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private readonly string Raw() => Encoding.UTF8.GetString(_reader.HasValueSequence ? _reader.ValueSequence.ToArray() : _reader.ValueSpan);

    private readonly string Render(int depth)
    {
        var path = "$";
        for (var i = 0; i < depth; i++)
        {
            var segment = _path[i];
            if (segment.IsItem)
            {
                // Index -1: the array's first item has not started yet.
                path = segment.Offset >= 0 ? JsonPaths.Item(path, segment.Offset) : path;
            }
            else if (segment.IsField)
            {
                path = JsonPaths.Field(path, NameAt(segment.Offset));
            }
        }

        return path;
    }

    private readonly string NameAt(int offset) => NameReaderAt(offset).GetString()!;

    /// <summary>A reader standing on the field name at <paramref name="offset"/>.</summary>
    private readonly Utf8JsonReader NameReaderAt(int offset)
    {
        var reader = new Utf8JsonReader(_utf8[offset..]);
        reader.Read();
        return reader;
    }

    /// <summary>The offset of the current token, to report an error about it later with <see cref="LineAt"/>.</summary>
    public readonly int Offset => (int)_reader.TokenStartIndex;

    /// <summary>The 1-based line of a byte offset in the document.</summary>
    public readonly long LineAt(int offset) => _utf8[..Math.Clamp(offset, 0, _utf8.Length)].Count((byte)'\n') + 1;

    /// <summary>The parser's own message without its position (zero-based, and ours is given already).</summary>
    private static string FirstSentence(string message)
    {
        foreach (var tail in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            var end = message.IndexOf(tail, StringComparison.Ordinal);
            if (end > 0)
            {
                message = message[..end];
            }
        }

        return message;
    }

    /// <summary>
    /// One step of the path: an array index, or an object (where it starts) and its current field
    /// (by the offset of its name, once one is read).
    /// </summary>
    private readonly record struct Segment(bool IsItem, bool IsField, int Offset, int ObjectStart)
    {
        public static Segment Item(int index) => new(true, false, index, 0);

        public static Segment Object(int start) => new(false, false, 0, start);
    }

    [InlineArray(MaxDepth)]
    private struct PathSegments
    {
        private Segment _first;
    }
}

/// <summary>Reads one value at the cursor.</summary>
internal delegate T ReadValue<out T>(ref JsonCursor cursor);

/// <summary>JSON path notation: <c>$.stations[0].upstreams[1]['odd key']</c>.</summary>
public static class JsonPaths
{
    public static string Field(string path, string name) =>
        IsPlainName(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Item(string path, int index) => $"{path}[{index}]";

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Stack room for the first items of an array being read.</summary>
[InlineArray(Length)]
internal struct ShortArray<T>
{
    public const int Length = 8;

    private T _first;
}
