namespace RouteShadow.Traces.Config;

/// <summary>
/// Resolves a config's <c>[retry]</c> block: the profile's defaults, each explicitly set field
/// replacing its default (lists replaced whole), then codex-helper's clamps.
/// </summary>
internal static class RetryBlock
{
    public static RetryPolicy Read(ConfigNode? block)
    {
        if (block is not { } retry)
        {
            return RetryPolicy.ForProfile(RetryPolicy.Balanced)!;
        }

        var profile = retry.String("profile") ?? RetryPolicy.Balanced;
        var policy = RetryPolicy.ForProfile(profile) ?? throw retry.Error($"unknown retry profile '{profile}'");
        policy = policy with
        {
            Upstream = Layer(retry.Table("upstream"), policy.Upstream),
            Provider = Layer(retry.Table("provider"), policy.Provider),
            NeverOnStatus = retry.String("never_on_status") is { } never ? StatusRange.ParseList(never) : policy.NeverOnStatus,
            NeverOnClass = retry.Strings("never_on_class") ?? policy.NeverOnClass,
            AllowCrossStationBeforeFirstOutput = retry.Bool("allow_cross_station_before_first_output") ?? policy.AllowCrossStationBeforeFirstOutput,
            CloudflareChallengeCooldownSecs = Secs(retry, "cloudflare_challenge_cooldown_secs") ?? policy.CloudflareChallengeCooldownSecs,
            CloudflareTimeoutCooldownSecs = Secs(retry, "cloudflare_timeout_cooldown_secs") ?? policy.CloudflareTimeoutCooldownSecs,
            TransportCooldownSecs = Secs(retry, "transport_cooldown_secs") ?? policy.TransportCooldownSecs,
            CooldownBackoffFactor = Secs(retry, "cooldown_backoff_factor") ?? policy.CooldownBackoffFactor,
            CooldownBackoffMaxSecs = Secs(retry, "cooldown_backoff_max_secs") ?? policy.CooldownBackoffMaxSecs,
        };
        return policy.Clamped();
    }

    private static RetryLayer Layer(ConfigNode? table, RetryLayer defaults) => table is not { } t ? defaults : defaults with
    {
        MaxAttempts = (int?)t.Integer("max_attempts") ?? defaults.MaxAttempts,
        BackoffMs = t.Integer("backoff_ms") ?? defaults.BackoffMs,
        BackoffMaxMs = t.Integer("backoff_max_ms") ?? defaults.BackoffMaxMs,
        JitterMs = t.Integer("jitter_ms") ?? defaults.JitterMs,
        OnStatus = t.String("on_status") is { } status ? StatusRange.ParseList(status) : defaults.OnStatus,
        OnClass = t.Strings("on_class") ?? defaults.OnClass,
        Strategy = t.String("strategy") ?? defaults.Strategy,
    };

    private static ulong? Secs(ConfigNode table, string key) =>
        table.Integer(key) is { } value ? value >= 0 ? (ulong)value : throw table.Wrong(key, "a non-negative integer") : null;
}
