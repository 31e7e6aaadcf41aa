using System.Buffers.Text;
using System.Text.Json;

namespace RouteShadow.Traces.Input;

/// <summary>
/// Typed reading of one JSON line over <see cref="Utf8JsonReader"/>, one pass and no document:
/// objects are walked field by field and a value of the wrong type throws a
/// <see cref="ShapeException"/> naming the field's path. Unknown fields are skipped, so newer
/// codex-helper versions that add fields still read.
/// </summary>
internal ref struct JsonFields
{
    private Utf8JsonReader _reader;
    private string _path;

    public JsonFields(ReadOnlySpan<byte> json)
    {
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        _path = "$";
        _reader.Read();
    }

    /// <summary>The path of the object being read, for error messages (e.g. <c>$.retry.route_attempts[2]</c>).</summary>
    public readonly string Path => _path;

    public readonly JsonTokenType Token => _reader.TokenType;

    public readonly bool IsNull => _reader.TokenType == JsonTokenType.Null;

    /// <summary>Where the value just read started, in bytes from the start of the line.</summary>
    public readonly long TokenStart => _reader.TokenStartIndex;

    public readonly long BytesConsumed => _reader.BytesConsumed;

    /// <summary>Checks the current token starts an object and enters it, recording <paramref name="path"/>.</summary>
    public string EnterObject(string path)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Wrong(path, "an object");
        }

        var outer = _path;
        _path = path;
        return outer;
    }

    /// <summary>Moves to the next field of the current object; false at its end (leaving the object).</summary>
    public bool NextField(string outerPath)
    {
        _reader.Read();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            _path = outerPath;
            return false;
        }

        return true;
    }

    /// <summary>True when the current field is named <paramref name="name"/>; then positions on its value.</summary>
    public bool Is(ReadOnlySpan<byte> name)
    {
        if (!_reader.ValueTextEquals(name))
        {
            return false;
        }

        _reader.Read();
        return true;
    }

    /// <summary>The current field's name, decoded (for maps with free keys).</summary>
    public readonly string FieldName() => _reader.GetString()!;

    /// <summary>Steps past the value of a field that was not matched (its name is current).</summary>
    public void SkipValue()
    {
        _reader.Read();
        _reader.Skip();
    }

    /// <summary>Skips the value the reader is on (after <see cref="Is"/> or inside an array).</summary>
    public void SkipCurrent() => _reader.Skip();

    /// <summary>Moves to the next array element; false at the array's end.</summary>
    public bool NextElement()
    {
        _reader.Read();
        return _reader.TokenType != JsonTokenType.EndArray;
    }

    public void EnterArray(string field)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            throw Wrong(field, "an array");
        }
    }

    public readonly string String(string field) =>
        _reader.TokenType == JsonTokenType.String ? _reader.GetString()! : throw Wrong(field, "a string");

    public readonly string? NullableString(string field) => IsNull ? null : String(field);

    /// <summary>A string a log repeats (a station, URL, id, decision): decoded once per reader thread.</summary>
    public readonly string Shared(string field) =>
        _reader.TokenType != JsonTokenType.String ? throw Wrong(field, "a string")
        : _reader.ValueIsEscaped ? _reader.GetString()! : StringPool.Plain.Get(_reader.ValueSpan);

    public readonly string? NullableShared(string field) => IsNull ? null : Shared(field);

    /// <summary>A repeated string that may hold a credential (a URL): decoded once, redacted.</summary>
    public readonly string SharedRedacted(string field) =>
        _reader.TokenType != JsonTokenType.String ? throw Wrong(field, "a string")
        : _reader.ValueIsEscaped ? Secrets.Redactor.Redact(_reader.GetString()!) : StringPool.Redacted.Get(_reader.ValueSpan);

    public readonly string? NullableSharedRedacted(string field) => IsNull ? null : SharedRedacted(field);

    /// <summary>Free text that may hold a credential (an error message, a chain entry): redacted.</summary>
    public readonly string Redacted(string field) => Secrets.Redactor.Redact(String(field));

    public readonly string? NullableRedacted(string field) => IsNull ? null : Redacted(field);

    public readonly bool Bool(string field) => _reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Wrong(field, "true or false"),
    };

    public readonly bool? NullableBool(string field) => IsNull ? null : Bool(field);

    public readonly long UInt(string field) =>
        _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt64(out var value) && value >= 0 ? value : throw Wrong(field, "a non-negative integer");

    public readonly long? NullableUInt(string field) => IsNull ? null : UInt(field);

    public readonly long Int(string field) =>
        _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt64(out var value) ? value : throw Wrong(field, "an integer");

    /// <summary>An unsigned integer that may also arrive as a numeric string (codex-helper accepts both for ids).</summary>
    public readonly long UIntOrNumericString(string field)
    {
        if (_reader.TokenType == JsonTokenType.String)
        {
            var text = _reader.ValueSpan; // one contiguous line: never a value sequence
            if (Utf8Parser.TryParse(text, out long parsed, out var used) && used == text.Length && parsed >= 0)
            {
                return parsed;
            }
        }

        return UInt(field);
    }

    public int Index(string field)
    {
        var value = UInt(field);
        return value <= int.MaxValue ? (int)value : throw Wrong(field, "an index");
    }

    /// <summary>Reads an array of strings.</summary>
    public List<string> Strings(string field)
    {
        EnterArray(field);
        var list = new List<string>();
        while (NextElement())
        {
            list.Add(Shared(field + "[]"));
        }

        return list;
    }

    /// <summary>Reads an array of indices.</summary>
    public List<int> Indices(string field)
    {
        EnterArray(field);
        var list = new List<int>();
        while (NextElement())
        {
            list.Add(Index(field + "[]"));
        }

        return list;
    }

    /// <summary>Reads an object whose values are all strings (tags, model mappings).</summary>
    public Dictionary<string, string> StringMap(string field)
    {
        var outer = EnterObject(_path + "." + field);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextField(outer))
        {
            var key = FieldName();
            _reader.Read();
            map[key] = Shared(key);
        }

        return map;
    }

    /// <summary>Reads the whole document to its end, so trailing garbage is a JSON error.</summary>
    public void ReadToEnd()
    {
        while (_reader.Read())
        {
        }
    }

    public readonly ShapeException Wrong(string field, string expected) =>
        new($"{_path}.{field}", $"expected {expected}, got {Describe(_reader.TokenType)}");

    public readonly ShapeException Missing(string field) => new($"{_path}.{field}", "missing required field");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
