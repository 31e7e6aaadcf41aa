using RouteShadow.Core.Scenarios.Reproduction;
using RouteShadow.Upstreams.Retry;

namespace RouteShadow.Upstreams.Tests.Retry;

public sealed class RetryRulesTests
{
    private static readonly RetryPlan Balanced = RetryPlan.From(RetrySettings.Balanced);

    [Fact]
    public void StatusRanges_SwapReversedEnds_AndDropInvalidTokens()
    {
        var ranges = StatusRanges.Parse("429, 599-500, x, 7-, 524");

        Assert.Equal([(429, 429), (500, 599), (524, 524)], ranges.Ranges);
    }

    [Theory]
    [InlineData(0, 200)]
    [InlineData(1, 400)]
    [InlineData(3, 1600)]
    [InlineData(4, 2000)]
    [InlineData(40, 2000)]
    public void Backoff_DoublesUpToTheCap(int attempt, long expected) =>
        Assert.Equal(expected, Backoff.Delay(Balanced.Upstream, attempt));

    [Theory]
    [InlineData("60", 2000)]
    [InlineData("1", 1000)]
    [InlineData("0", 0)]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT", 200)]
    [InlineData(null, 200)]
    public void RetryAfter_WholeSecondsWin_CappedAtTheMaximum(string? header, long expected) =>
        Assert.Equal(expected, Backoff.BeforeSameUpstreamRetry(Balanced.Upstream, 0, header));

    [Fact]
    public void Never_ARetryableClassOverridesANeverStatus()
    {
        Assert.True(Balanced.NeverRetries(415, null));
        Assert.False(Balanced.NeverRetries(415, ErrorClasses.CloudflareChallenge));
        Assert.True(Balanced.NeverRetries(400, ErrorClasses.ClientErrorNonRetryable));
        Assert.False(Balanced.NeverRetries(400, null));
    }

    [Theory]
    [InlineData(524, "cf-ray", "abc", "", ErrorClasses.CloudflareTimeout)]
    [InlineData(403, "content-type", "text/html; charset=utf-8", "<a href=\"/cdn-cgi/l\">", ErrorClasses.CloudflareChallenge)]
    [InlineData(404, "content-type", "application/json", "{\"error\":{\"message\":\"The model 'x' does not exist\"}}", ErrorClasses.RoutingMismatchCapability)]
    [InlineData(422, "content-type", "application/json", "{\"error\":{\"type\":\"context_length_exceeded\",\"message\":\"too long\"}}", ErrorClasses.ClientErrorNonRetryable)]
    [InlineData(400, "content-type", "text/plain", "bad input", null)]
    [InlineData(524, "server", "nginx", "", null)]
    public void Classify_FollowsTheSpecOrder(int status, string header, string value, string body, string? expected) =>
        Assert.Equal(expected, ResponseClassifier.Classify(status, name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ? value : null, body));
}
