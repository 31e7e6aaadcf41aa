using RouteShadow.Traces.Secrets;

namespace RouteShadow.Traces.Tests.Secrets;

public class RedactorTests
{
    [Theory]
    [InlineData("invalid key sk-abcdef123456", "invalid key [REDACTED]")]
    [InlineData("Authorization: Bearer abc.def-123", "Authorization: [REDACTED]")]
    [InlineData("header x-api-key=live_123456", "header x-api-key=[REDACTED]")]
    [InlineData("""{"authorization":"Basic dXNlcjpwYXNz"}""", """{"authorization":"[REDACTED]"}""")]
    [InlineData("https://relay.test/v1?api_key=k123&x=1", "https://relay.test/v1?api_key=[REDACTED]&x=1")]
    [InlineData("https://user:pass@relay.test/v1", "https://[REDACTED]@relay.test/v1")]
    [InlineData("token expired: Bearer eyJhbGciOi", "token expired: Bearer [REDACTED]")]
    public void Redact_Credentials_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("https://relay.test/v1")]
    [InlineData("station=alpha upstream_index=0 url=https://a.test/v1 status=502 class=- model=gpt-5")]
    [InlineData("the model does not exist or you do not have access")]
    public void Redact_OrdinaryText_IsUnchanged(string text)
    {
        Assert.Same(text, Redactor.Redact(text));
    }
}
