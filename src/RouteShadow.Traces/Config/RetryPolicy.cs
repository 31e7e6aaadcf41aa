using System.Globalization;
using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Traces.Config;

/// <summary>An inclusive range of HTTP status codes, as in <c>"429,500-599"</c>.</summary>
public readonly record struct StatusRange(int Low, int High)
{
    public bool Contains(int status) => status >= Low && status <= High;

    /// <summary>Parses a comma list of codes and <c>a-b</c> ranges; reversed ends are swapped and bad tokens dropped, as codex-helper does.</summary>
    public static IReadOnlyList<StatusRange> ParseList(string text)
    {
        var ranges = new List<StatusRange>();
        foreach (var token in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = token.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 && Code(token) is { } single)
            {
                ranges.Add(new StatusRange(single, single));
            }
            else if (dash > 0 && Code(token[..dash].Trim()) is { } a && Code(token[(dash + 1)..].Trim()) is { } b)
            {
                ranges.Add(new StatusRange(Math.Min(a, b), Math.Max(a, b)));
            }
        }

        return ranges;
    }

    private static int? Code(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= ushort.MaxValue ? code : null;
}

/// <summary>One layer of the retry plan: the same upstream again, or the next provider/station.</summary>
public sealed record RetryLayer(
    int MaxAttempts,
    long BackoffMs,
    long BackoffMaxMs,
    long JitterMs,
    IReadOnlyList<StatusRange> OnStatus,
    IReadOnlyList<string> OnClass,
    string Strategy)
{
    public bool Retries(int status, string? errorClass) =>
        OnStatus.Any(r => r.Contains(status)) || (errorClass is not null && OnClass.Contains(errorClass, StringComparer.Ordinal));
}

/// <summary>
/// The retry plan a request ran under (codex-helper's resolved <c>[retry]</c> block, as logged by
/// the <c>retry_options</c> event). Replay needs it for two things: the penalty cooldown and its
/// backoff, and telling a returned "never retry" response (which counts a failure) from a plain
/// returned one (which changes nothing).
/// </summary>
public sealed record RetryPolicy(
    RetryLayer Upstream,
    RetryLayer Provider,
    IReadOnlyList<StatusRange> NeverOnStatus,
    IReadOnlyList<string> NeverOnClass,
    ulong CloudflareChallengeCooldownSecs,
    ulong CloudflareTimeoutCooldownSecs,
    ulong TransportCooldownSecs,
    ulong CooldownBackoffFactor,
    ulong CooldownBackoffMaxSecs,
    bool AllowCrossStationBeforeFirstOutput)
{
    public const string Balanced = "balanced";

    /// <summary>The cooldown growth applied to penalties and threshold cooldowns.</summary>
    public CooldownBackoff Backoff => new(CooldownBackoffFactor, CooldownBackoffMaxSecs);

    /// <summary>
    /// codex-helper <c>should_never_retry</c>: a never-class always wins; a never-status is
    /// overridden by a class that either layer retries explicitly.
    /// </summary>
    public bool NeverRetries(int status, string? errorClass) =>
        (errorClass is not null && NeverOnClass.Contains(errorClass, StringComparer.Ordinal))
        || (NeverOnStatus.Any(r => r.Contains(status))
            && (errorClass is null || (!Upstream.OnClass.Contains(errorClass, StringComparer.Ordinal) && !Provider.OnClass.Contains(errorClass, StringComparer.Ordinal))));

    /// <summary>The defaults of a named profile (<c>balanced</c>, <c>same-upstream</c>, <c>aggressive-failover</c>, <c>cost-primary</c>); null for an unknown name.</summary>
    public static RetryPolicy? ForProfile(string profile)
    {
        var upstreamClasses = new[] { "upstream_transport_error", "cloudflare_timeout", "cloudflare_challenge" };
        var providerClasses = new[] { "upstream_transport_error", "routing_mismatch_capability" };
        RetryPolicy With(int upstreamMax, long backoffMax, long jitter, int providerMax, bool cross, ulong factor, ulong maxSecs) => new(
            new RetryLayer(upstreamMax, 200, backoffMax, jitter, StatusRange.ParseList("429,500-599,524"), upstreamClasses, "same_upstream"),
            new RetryLayer(providerMax, 0, 0, 0, StatusRange.ParseList("401,403,404,408,429,500-599,524"), providerClasses, "failover"),
            StatusRange.ParseList("413,415,422"),
            ["client_error_non_retryable"],
            300, 60, 30, factor, maxSecs, cross);

        return profile switch
        {
            Balanced => With(2, 2000, 100, 2, false, 1, 600),
            "same-upstream" => With(3, 2000, 100, 1, false, 1, 600),
            "aggressive-failover" => With(2, 2500, 150, 3, true, 1, 600),
            "cost-primary" => With(2, 2000, 100, 2, true, 2, 900),
            _ => null,
        };
    }

    /// <summary>The plan with codex-helper's clamps applied (attempts 1..8, factor 1..16, max 0..86400 s).</summary>
    public RetryPolicy Clamped() => this with
    {
        Upstream = Upstream with { MaxAttempts = Math.Clamp(Upstream.MaxAttempts, 1, 8) },
        Provider = Provider with { MaxAttempts = Math.Clamp(Provider.MaxAttempts, 1, 8) },
        CooldownBackoffFactor = Math.Clamp(CooldownBackoffFactor, 1UL, 16UL),
        CooldownBackoffMaxSecs = Math.Min(CooldownBackoffMaxSecs, 86_400UL),
    };
}
