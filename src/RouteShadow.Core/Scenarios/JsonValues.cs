using System.Text.Json;

namespace RouteShadow.Core.Scenarios;

/// <summary>Strict readers for JSON values that report the JSON path of anything wrong.</summary>
internal static class JsonValues
{
    public static string Field(string path, string name) =>
        IsPlainName(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Item(string path, int index) => $"{path}[{index}]";

    public static ScenarioFormatException Error(string path, string reason) => new(path, reason);

    public static void RequireKind(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind != kind)
        {
            throw Error(path, $"expected {expected}, found {Describe(value)}");
        }
    }

    public static string String(JsonElement value, string path)
    {
        RequireKind(value, JsonValueKind.String, path, "a string");
        return value.GetString()!;
    }

    public static string? NullableString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Null ? null : String(value, path);

    public static bool Bool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"expected true or false, found {Describe(value)}"),
    };

    public static long Int64(JsonElement value, string path)
    {
        RequireKind(value, JsonValueKind.Number, path, "an integer");
        return value.TryGetInt64(out var number) ? number : throw Error(path, $"expected an integer, found {value.GetRawText()}");
    }

    public static ulong UInt64(JsonElement value, string path)
    {
        RequireKind(value, JsonValueKind.Number, path, "a non-negative integer");
        return value.TryGetUInt64(out var number)
            ? number
            : throw Error(path, $"expected a non-negative integer, found {value.GetRawText()}");
    }

    public static uint UInt32(JsonElement value, string path)
    {
        var number = UInt64(value, path);
        return number <= uint.MaxValue ? (uint)number : throw Error(path, $"{number} is larger than {uint.MaxValue}");
    }

    /// <summary>A non-negative index or count that fits an <see cref="int"/>.</summary>
    public static int Index(JsonElement value, string path)
    {
        var number = UInt64(value, path);
        return number <= int.MaxValue ? (int)number : throw Error(path, $"{number} is out of range");
    }

    /// <summary>Reads an array's items with <paramref name="item"/>.</summary>
    public static T[] Array<T>(JsonElement value, string path, Func<JsonElement, string, T> item)
    {
        RequireKind(value, JsonValueKind.Array, path, "an array");
        var result = new T[value.GetArrayLength()];
        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            result[i] = item(element, Item(path, i));
            i++;
        }

        return result;
    }

    /// <summary>Reads an object of string keys, rejecting duplicate keys.</summary>
    public static Dictionary<string, T> Map<T>(JsonElement value, string path, Func<JsonElement, string, T> item)
    {
        RequireKind(value, JsonValueKind.Object, path, "an object");
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var at = Field(path, property.Name);
            if (!result.TryAdd(property.Name, item(property.Value, at)))
            {
                throw new ScenarioFormatException(at, "duplicate key") { Occurrence = 2 };
            }
        }

        return result;
    }

    /// <summary>
    /// Visits an object's fields, rejecting unknown and repeated ones. <paramref name="field"/> returns
    /// false for a name it does not know.
    /// </summary>
    public static void Object(JsonElement value, string path, Func<string, JsonElement, string, bool> field)
    {
        RequireKind(value, JsonValueKind.Object, path, "an object");
        HashSet<string>? seen = null;
        foreach (var property in value.EnumerateObject())
        {
            var at = Field(path, property.Name);
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(property.Name))
            {
                throw new ScenarioFormatException(at, "duplicate field") { Occurrence = 2 };
            }

            if (!field(property.Name, property.Value, at))
            {
                throw Error(at, "unknown field");
            }
        }
    }

    public static void Require(bool present, string path, string name)
    {
        if (!present)
        {
            throw Error(path, $"missing required field '{name}'");
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

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
