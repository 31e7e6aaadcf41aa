using RouteShadow.Core.Engines.Executor;

namespace RouteShadow.Core.Tests.Engines.Executor;

/// <summary><c>RoutePlanSkipReason::code()</c> (engines spec §1.11).</summary>
public sealed class SkipReasonTests
{
    [Theory]
    [InlineData(SkipReasonKind.UnsupportedModel, "unsupported_model")]
    [InlineData(SkipReasonKind.RuntimeDisabled, "runtime_disabled")]
    [InlineData(SkipReasonKind.Cooldown, "cooldown")]
    [InlineData(SkipReasonKind.BreakerOpen, "breaker_open")]
    [InlineData(SkipReasonKind.UsageExhausted, "usage_exhausted")]
    [InlineData(SkipReasonKind.MissingAuth, "missing_auth")]
    public void Code_EachKind_IsTheWireString(SkipReasonKind kind, string code)
    {
        Assert.Equal(code, new SkipReason(kind).Code);
    }
}
