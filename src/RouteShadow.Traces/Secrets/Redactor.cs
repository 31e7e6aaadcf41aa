using System.Buffers;
using System.Text.RegularExpressions;

namespace RouteShadow.Traces.Secrets;

/// <summary>
/// Removes credentials from text as it is read, so no secret is ever held, logged or written:
/// <c>sk-…</c> style API keys, bearer tokens, <c>Authorization</c> / <c>x-api-key</c> header
/// values, credential-like query parameters and the user-info part of URLs. Text with none of
/// the trigger words is returned as it is without running a regular expression.
/// </summary>
public static partial class Redactor
{
    public const string Mask = "[REDACTED]";

    private static readonly SearchValues<string> Triggers = SearchValues.Create(
        ["sk-", "bearer", "auth", "key", "token", "secret", "password", "passwd", "@"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>The text with every credential replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        if (text.AsSpan().IndexOfAny(Triggers) < 0)
        {
            return text;
        }

        var redacted = ApiKey().Replace(text, Mask);
        redacted = Bearer().Replace(redacted, "${scheme} " + Mask);
        redacted = Header().Replace(redacted, "${name}${sep}" + Mask);
        redacted = QueryParameter().Replace(redacted, "${name}=" + Mask);
        return UserInfo().Replace(redacted, "://" + Mask + "@");
    }

    public static string? RedactNullable(string? text) => text is null ? null : Redact(text);

    /// <summary>OpenAI / Anthropic style keys: <c>sk-</c> then a long run of key characters.</summary>
    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic))\s+[A-Za-z0-9._~+/=\-]{6,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();

    /// <summary>A header written as <c>name: value</c>, <c>name=value</c> or as a JSON pair.</summary>
    [GeneratedRegex(
        @"(?<name>\b(?:proxy-)?authorization|\bx-(?:goog-|forwarded-)?api-key|\bcookie|\bset-cookie)(?<sep>""?\s*[:=]\s*""?)(?!\[REDACTED\])[^""\r\n,;]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(
        @"(?<name>[?&](?:api[_-]?key|key|token|access_token|auth|auth_token|secret|password|sig|signature))=(?!\[REDACTED\])[^&#\s""]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryParameter();

    [GeneratedRegex(@"://[^/\s@""]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
