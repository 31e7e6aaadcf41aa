using System.Globalization;

namespace RouteShadow.Core.Engines.Harn;

/// <summary>The harn VM's value types a policy dict can hold; JSON maps onto them one to one.</summary>
public enum PolicyValueKind
{
    Nil,
    Bool,
    Int,
    Float,
    String,
    List,
    Dict,
}

/// <summary>Where a value was written, so a validation error can name it in the file it came from.</summary>
public sealed record ValueOrigin(string Path, long Line);

/// <summary>
/// One dynamically typed value of a <c>routing_policy(...)</c> config dict, as a script passes it:
/// validation is about these types (<c>expected a list, got int</c>), so the config is parsed from
/// values, not from a fixed schema.
/// </summary>
public sealed class PolicyValue
{
    private PolicyValue(PolicyValueKind kind, object? payload, ValueOrigin? origin)
    {
        Kind = kind;
        Payload = payload;
        Origin = origin;
    }

    public PolicyValueKind Kind { get; }

    /// <summary>Where the value was read from; null for values built in code.</summary>
    public ValueOrigin? Origin { get; }

    private object? Payload { get; }

    public static PolicyValue Nil(ValueOrigin? origin = null) => new(PolicyValueKind.Nil, null, origin);

    public static PolicyValue Bool(bool value, ValueOrigin? origin = null) => new(PolicyValueKind.Bool, value, origin);

    public static PolicyValue Int(long value, ValueOrigin? origin = null) => new(PolicyValueKind.Int, value, origin);

    public static PolicyValue Float(double value, ValueOrigin? origin = null) => new(PolicyValueKind.Float, value, origin);

    public static PolicyValue String(string value, ValueOrigin? origin = null) => new(PolicyValueKind.String, value, origin);

    public static PolicyValue List(IReadOnlyList<PolicyValue> items, ValueOrigin? origin = null) => new(PolicyValueKind.List, items, origin);

    /// <summary>A dict; keys keep their written order (harn's dicts are ordered maps).</summary>
    public static PolicyValue Dict(IReadOnlyList<KeyValuePair<string, PolicyValue>> entries, ValueOrigin? origin = null) =>
        new(PolicyValueKind.Dict, entries, origin);

    public bool IsNil => Kind == PolicyValueKind.Nil;

    public long AsInt => (long)Payload!;

    public double AsFloat => (double)Payload!;

    public string AsString => (string)Payload!;

    public IReadOnlyList<PolicyValue> Items => (IReadOnlyList<PolicyValue>)Payload!;

    public IReadOnlyList<KeyValuePair<string, PolicyValue>> Entries => (IReadOnlyList<KeyValuePair<string, PolicyValue>>)Payload!;

    /// <summary>The VM type name used in validation messages.</summary>
    public string TypeName => Kind switch
    {
        PolicyValueKind.Nil => "nil",
        PolicyValueKind.Bool => "bool",
        PolicyValueKind.Int => "int",
        PolicyValueKind.Float => "float",
        PolicyValueKind.String => "string",
        PolicyValueKind.List => "list",
        _ => "dict",
    };

    /// <summary>A dict entry's value; null when the key is absent (a present <c>nil</c> is returned as is).</summary>
    public PolicyValue? Field(string key)
    {
        foreach (var (name, value) in Entries)
        {
            if (name == key)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The display form: what <c>to_string</c> gives (a string without quotes).</summary>
    public string Display() => Kind switch
    {
        PolicyValueKind.Nil => "nil",
        PolicyValueKind.Bool => (bool)Payload! ? "true" : "false",
        PolicyValueKind.Int => AsInt.ToString(CultureInfo.InvariantCulture),
        PolicyValueKind.Float => AsFloat.ToString("R", CultureInfo.InvariantCulture),
        PolicyValueKind.String => AsString,
        PolicyValueKind.List => "[" + string.Join(", ", Items.Select(i => i.Debug())) + "]",
        _ => "{" + string.Join(", ", Entries.Select(e => $"{e.Key}: {e.Value.Debug()}")) + "}",
    };

    /// <summary>The debug form used in messages: like <see cref="Display"/>, with strings quoted.</summary>
    public string Debug() => Kind == PolicyValueKind.String ? Quote(AsString) : Display();

    public override string ToString() => Debug();

    internal static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
