namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// harn's text classifier (<c>classify_error_message</c>, seed-engines A.4) for thrown strings: the
/// first standalone 3-digit number in 400..599 that maps to a category wins, anywhere in the text
/// (so incidental numbers misclassify, H13); then substring rules; then generic.
/// </summary>
public static class ErrorClassifier
{
    private static readonly (string Needle, ErrorCategory Category)[] Substrings =
    [
        ("Deadline exceeded", ErrorCategory.Timeout),
        ("context deadline exceeded", ErrorCategory.Timeout),
        ("overloaded_error", ErrorCategory.Overloaded),
        ("api_error", ErrorCategory.ServerError),
        ("insufficient_quota", ErrorCategory.RateLimit),
        ("billing_hard_limit_reached", ErrorCategory.RateLimit),
        ("invalid_api_key", ErrorCategory.Auth),
        ("authentication_error", ErrorCategory.Auth),
        ("not_found_error", ErrorCategory.NotFound),
        ("model_not_found", ErrorCategory.NotFound),
        ("circuit_open", ErrorCategory.CircuitOpen),
    ];

    private static readonly string[] NetworkPhrases =
    [
        "connection reset", "connection refused", "connection closed", "broken pipe", "dns error", "stream error", "unexpected eof",
    ];

    public static ErrorCategory Classify(string message)
    {
        if (StatusCategory(message) is { } byStatus)
        {
            return byStatus;
        }

        foreach (var (needle, category) in Substrings)
        {
            if (message.Contains(needle, StringComparison.Ordinal))
            {
                return category;
            }
        }

        return NetworkPhrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase))
            ? ErrorCategory.TransientNetwork
            : ErrorCategory.Generic;
    }

    /// <summary>The category of the first standalone 3-digit number that maps to one; other codes are passed over.</summary>
    private static ErrorCategory? StatusCategory(string text)
    {
        for (var i = 0; i + 3 <= text.Length; i++)
        {
            var standalone = (i == 0 || !char.IsAsciiDigit(text[i - 1]))
                             && char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
                             && (i + 3 == text.Length || !char.IsAsciiDigit(text[i + 3]));
            if (!standalone)
            {
                continue;
            }

            var code = ((text[i] - '0') * 100) + ((text[i + 1] - '0') * 10) + (text[i + 2] - '0');
            ErrorCategory? category = code switch
            {
                401 or 403 => ErrorCategory.Auth,
                404 or 410 => ErrorCategory.NotFound,
                408 or 504 or 522 or 524 => ErrorCategory.Timeout,
                429 => ErrorCategory.RateLimit,
                503 or 529 => ErrorCategory.Overloaded,
                500 or 502 => ErrorCategory.ServerError,
                _ => null,
            };
            if (category is not null)
            {
                return category;
            }
        }

        return null;
    }
}
