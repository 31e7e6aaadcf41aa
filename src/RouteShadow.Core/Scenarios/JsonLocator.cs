using System.Text.Json;

namespace RouteShadow.Core.Scenarios;

/// <summary>Finds the line of a JSON path in a document, for error messages.</summary>
public static class JsonLocator
{
    /// <summary>The 1-based line where the value (or property) at <paramref name="jsonPath"/> starts, or null when not found.</summary>
    public static long? LineOf(ReadOnlySpan<byte> utf8, string jsonPath) => LineOf(utf8, jsonPath, occurrence: 1);

    /// <summary>
    /// The line of the <paramref name="occurrence"/>-th property or value at <paramref name="jsonPath"/>
    /// (a path occurs more than once only when an object repeats a key).
    /// </summary>
    internal static long? LineOf(ReadOnlySpan<byte> utf8, string jsonPath, int occurrence)
    {
        if (jsonPath == "$")
        {
            return LineAt(utf8, FirstNonWhitespace(utf8));
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        var frames = new List<(bool IsArray, string Name, int Index)>();
        var seen = 0;
        var valueOfMatchedProperty = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = (false, reader.GetString()!, 0);
                        valueOfMatchedProperty = Render(frames) == jsonPath;
                        if (valueOfMatchedProperty && ++seen == occurrence)
                        {
                            return LineAt(utf8, (int)reader.TokenStartIndex);
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Advance(frames);
                        continue;
                }

                // A property's value has the property's path: it was counted with the name.
                if (frames.Count > 0 && !valueOfMatchedProperty && Render(frames) == jsonPath && ++seen == occurrence)
                {
                    return LineAt(utf8, (int)reader.TokenStartIndex);
                }

                valueOfMatchedProperty = false;

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, string.Empty, 0));
                }
                else
                {
                    Advance(frames);
                }
            }
        }
        catch (JsonException)
        {
            // A document that does not parse was reported with the parser's own line.
        }

        return null;
    }

    private static void Advance(List<(bool IsArray, string Name, int Index)> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static string Render(List<(bool IsArray, string Name, int Index)> frames)
    {
        var path = "$";
        foreach (var (isArray, name, index) in frames)
        {
            path = isArray ? JsonValues.Item(path, index) : JsonValues.Field(path, name);
        }

        return path;
    }

    private static long LineAt(ReadOnlySpan<byte> utf8, int offset) =>
        utf8[..Math.Clamp(offset, 0, utf8.Length)].Count((byte)'\n') + 1;

    private static int FirstNonWhitespace(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length && utf8[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
