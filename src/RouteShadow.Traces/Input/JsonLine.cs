using System.Text.Json;

namespace RouteShadow.Traces.Input;

/// <summary>Where a line came from: it says whether the line was cut at the end of its file and reports its problems.</summary>
internal interface ILineSource
{
    /// <summary>True when the line last returned was its file's last and had no newline.</summary>
    bool LastLineUnterminated { get; }

    /// <summary>Reports a problem with the line last returned.</summary>
    void Report(LineProblem problem, string detail);
}

/// <summary>Parses one line with a record parser and turns every way it can fail into a reported malformed line.</summary>
internal static class JsonLine
{
    public delegate T Parser<out T>(ReadOnlySpan<byte> line);

    /// <summary>The parsed record, or null after reporting why the line could not be used.</summary>
    public static T? Parse<T>(ILineSource lines, ReadOnlySpan<byte> line, Parser<T> parse)
        where T : class?
    {
        try
        {
            return parse(line);
        }
        catch (JsonException ex)
        {
            // The parser's own message may quote the line; only the position is reported.
            var cut = lines.LastLineUnterminated || IsCutShort(line);
            lines.Report(
                cut ? LineProblem.Truncated : LineProblem.BadJson,
                cut ? "truncated JSON (the line ends before the record does)" : $"invalid JSON at byte {ex.BytePositionInLine ?? 0}");
        }
        catch (ShapeException ex)
        {
            lines.Report(LineProblem.WrongShape, ex.Message);
        }
        catch (OverflowException)
        {
            lines.Report(LineProblem.WrongShape, "a number is out of range");
        }

        return null;
    }

    /// <summary>True when the line is the start of a valid JSON value that stops before its end.</summary>
    private static bool IsCutShort(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: false, default);
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed < line.Length || reader.CurrentDepth > 0 || reader.TokenType == JsonTokenType.PropertyName;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
