using System.Text.Json;

namespace RouteShadow.Upstreams.Retry;

/// <summary><c>classify_upstream_response</c>: the error class of an upstream answer, checks in codex-helper's order.</summary>
public static class ResponseClassifier
{
    private static readonly string[] ChallengeMarkers = ["__CF$cv$params", "/cdn-cgi/", "challenge-platform", "cf-chl-"];

    private static readonly string[] MismatchPhrases =
        ["not supported", "unsupported", "does not support", "not available", "unavailable", "does not exist", "do not have access", "no access"];

    private static readonly string[] NonRetryableTypes =
        ["invalid_request_error", "validation_error", "bad_request", "context_limit", "context_length_exceeded", "token_limit", "content_filter"];

    /// <param name="header">Looks a response header up by name, case-insensitively; null when absent.</param>
    public static string? Classify(int status, Func<string, string?> header, string body)
    {
        var cfRay = header("cf-ray");
        var viaCloudflare = cfRay is not null || (header("server")?.Contains("cloudflare", StringComparison.OrdinalIgnoreCase) ?? false);
        if (viaCloudflare && status == 524)
        {
            return ErrorClasses.CloudflareTimeout;
        }

        var contentType = header("content-type") ?? string.Empty;
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            && ChallengeMarkers.Any(m => body.Contains(m, StringComparison.Ordinal)))
        {
            return ErrorClasses.CloudflareChallenge;
        }

        var isJson = contentType.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);
        var parsed = isJson && body.Length > 0 ? TryParse(body) : null;
        if (status is 400 or 404 or 409 or 422 && body.Length > 0
            && IndicatesMismatch((parsed is { } error ? error.Message : body) ?? string.Empty))
        {
            return ErrorClasses.RoutingMismatchCapability;
        }

        if (status is 400 or 409 or 413 or 415 or 422 && parsed is { } json
            && (NonRetryableTypes.Contains(json.Type?.ToLowerInvariant()) || IsNonRetryableMessage(json.Message?.ToLowerInvariant() ?? string.Empty)))
        {
            return ErrorClasses.ClientErrorNonRetryable;
        }

        return null;
    }

    private static bool IndicatesMismatch(string text)
    {
        var lower = text.ToLowerInvariant();
        return (lower.Contains("model", StringComparison.Ordinal) && MismatchPhrases.Any(p => lower.Contains(p, StringComparison.Ordinal)))
            || ((lower.Contains("service_tier", StringComparison.Ordinal) || lower.Contains("service tier", StringComparison.Ordinal)
                    || lower.Contains("reasoning", StringComparison.Ordinal))
                && MismatchPhrases.Take(5).Any(p => lower.Contains(p, StringComparison.Ordinal)));
    }

    private static bool IsNonRetryableMessage(string m) =>
        (m.Contains("tool_use", StringComparison.Ordinal) && m.Contains("must be unique", StringComparison.Ordinal))
        || m.Contains("all messages must have non-empty content", StringComparison.Ordinal)
        || (m.Contains("string should match pattern", StringComparison.Ordinal) && m.Contains("srvtoolu_", StringComparison.Ordinal))
        || (m.Contains("unexpected", StringComparison.Ordinal) && m.Contains("tool_use_id", StringComparison.Ordinal))
        || (m.Contains("json", StringComparison.Ordinal) && (m.Contains("parse", StringComparison.Ordinal) || m.Contains("invalid", StringComparison.Ordinal)))
        || (m.Contains("schema", StringComparison.Ordinal) && m.Contains("validation", StringComparison.Ordinal));

    /// <summary>The error's message and type, from OpenAI's or Anthropic's error shape; null when the body is not JSON.</summary>
    private static (string? Message, string? Type)? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : default;
            var message = Text(error, "message") ?? Text(error, "error") ?? Text(root, "message");
            var type = Text(error, "type") ?? Text(error, "code");
            return (message, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
