namespace RouteShadow.Upstreams.Retry;

/// <summary>codex-helper's error class names.</summary>
public static class ErrorClasses
{
    public const string CloudflareTimeout = "cloudflare_timeout";
    public const string CloudflareChallenge = "cloudflare_challenge";
    public const string RoutingMismatchCapability = "routing_mismatch_capability";
    public const string ClientErrorNonRetryable = "client_error_non_retryable";
    public const string UpstreamTransportError = "upstream_transport_error";
    public const string UpstreamBodyReadError = "upstream_body_read_error";
    public const string UpstreamStreamError = "upstream_stream_error";
}
