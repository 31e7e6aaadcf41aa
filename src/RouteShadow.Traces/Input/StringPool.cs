using System.Text;
using RouteShadow.Traces.Secrets;

namespace RouteShadow.Traces.Input;

/// <summary>
/// Decodes the short strings a log repeats on every line — services, stations, base URLs, ids,
/// decisions, models — once, and hands out the same string after that. Per thread (each reader
/// runs on one) and bounded: when full it starts over, so memory stays constant.
/// </summary>
internal sealed class StringPool
{
    private const int MaxLength = 256;
    private const int Capacity = 8192;

    [ThreadStatic]
    private static StringPool? _plain;

    [ThreadStatic]
    private static StringPool? _redacted;

    private readonly Dictionary<int, (byte[] Utf8, string Text)> _strings = [];
    private readonly bool _redact;

    private StringPool(bool redact) => _redact = redact;

    /// <summary>This thread's pool of strings kept as they are.</summary>
    public static StringPool Plain => _plain ??= new StringPool(redact: false);

    /// <summary>This thread's pool of strings that may hold a credential: they are stored redacted.</summary>
    public static StringPool Redacted => _redacted ??= new StringPool(redact: true);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Make(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var key = hash.ToHashCode();
        if (_strings.TryGetValue(key, out var known) && utf8.SequenceEqual(known.Utf8))
        {
            return known.Text;
        }

        if (_strings.Count >= Capacity)
        {
            _strings.Clear();
        }

        var made = Make(utf8);
        _strings[key] = (utf8.ToArray(), made);
        return made;
    }

    private string Make(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        return _redact ? Redactor.Redact(text) : text;
    }
}
