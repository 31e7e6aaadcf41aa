using RouteShadow.Core.Engines.Harn;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary>Error classification, status extraction and <c>matches_failover</c> (seed-engines A.4).</summary>
public sealed class FailoverEligibilityTests
{
    private static ErrorSnapshot Thrown(string message) => LinkError.ThrownString(message).Snapshot();

    [Theory]
    [InlineData("upstream returned 401", ErrorCategory.Auth)]
    [InlineData("gone 410", ErrorCategory.NotFound)]
    [InlineData("gateway 524", ErrorCategory.Timeout)]
    [InlineData("HTTP 429 slow down", ErrorCategory.RateLimit)]
    [InlineData("upstream returned 503", ErrorCategory.Overloaded)]
    [InlineData("bad gateway 502", ErrorCategory.ServerError)]
    public void Classifier_StatusNumberAnywhere_MapsToItsCategory(string message, ErrorCategory expected) =>
        Assert.Equal(expected, ErrorClassifier.Classify(message));

    [Fact]
    public void Classifier_IncidentalNumber_Misclassifies() => // H13
        Assert.Equal(ErrorCategory.ServerError, ErrorClassifier.Classify("max_tokens must be <= 500"));

    [Fact]
    public void Classifier_UnmappedCode_IsPassedOverForTheNextNumber() =>
        Assert.Equal(ErrorCategory.RateLimit, ErrorClassifier.Classify("error 418 then 429"));

    [Fact]
    public void Classifier_LongerNumbers_AreNotStandaloneCodes() =>
        Assert.Equal(ErrorCategory.Generic, ErrorClassifier.Classify("request 45000 failed"));

    [Theory]
    [InlineData("context deadline exceeded", ErrorCategory.Timeout)]
    [InlineData("overloaded_error", ErrorCategory.Overloaded)]
    [InlineData("insufficient_quota", ErrorCategory.RateLimit)]
    [InlineData("invalid_api_key", ErrorCategory.Auth)]
    [InlineData("model_not_found", ErrorCategory.NotFound)]
    [InlineData("Connection Reset by peer", ErrorCategory.TransientNetwork)]
    [InlineData("something odd", ErrorCategory.Generic)]
    public void Classifier_SubstringRules_ThenGeneric(string message, ErrorCategory expected) =>
        Assert.Equal(expected, ErrorClassifier.Classify(message));

    [Fact]
    public void Status_BareNumberInAThrownString_IsNotExtracted() // A.4 consequence
    {
        var error = Thrown("upstream returned 503");

        Assert.Equal(ErrorCategory.Overloaded, error.Category);
        Assert.Null(error.Status);
    }

    [Theory]
    [InlineData("HTTP 503 from upstream", 503)]
    [InlineData("failed with status_code: 429", 429)]
    [InlineData("status: 500", 500)]
    [InlineData("Status 502 bad gateway", 502)]
    public void Status_AfterANeedle_IsExtracted(string message, int status) => Assert.Equal(status, Thrown(message).Status);

    [Fact]
    public void Status_OnlyTheFirstOccurrenceOfANeedle_IsTried() => Assert.Null(Thrown("http later, http 503").Status);

    [Fact]
    public void Eligible_ExplicitStatusMatches()
    {
        var rules = new FailoverRules([418], []);

        Assert.True(FailoverMatcher.IsEligible(rules, Thrown("HTTP 418 teapot")));
    }

    [Fact]
    public void Eligible_ExplicitStatus_DoesNotMatchAStatusOnlyTheClassifierSaw() =>
        Assert.False(FailoverMatcher.IsEligible(new FailoverRules([503], []), Thrown("upstream returned 503")));

    [Fact]
    public void Eligible_TimeoutIsAlwaysEligibleInTheSeed() => // H7
        Assert.True(FailoverMatcher.IsEligible(new FailoverRules([], ["auth"]), new ErrorSnapshot(ErrorCategory.Timeout, "t", null)));

    [Fact]
    public void Eligible_LaterHarn_TimeoutOnlyWithOnTimeoutMs()
    {
        var timeout = new ErrorSnapshot(ErrorCategory.Timeout, "t", null);

        Assert.False(FailoverMatcher.IsEligible(new FailoverRules([], ["auth"]), timeout, timeoutAlwaysEligible: false));
        Assert.True(FailoverMatcher.IsEligible(new FailoverRules([], [], OnTimeoutMs: 1000), timeout, timeoutAlwaysEligible: false));
    }

    [Fact]
    public void NamedByARule_StatusKindOrOnTimeoutMs()
    {
        var rules = new FailoverRules([503], ["rate_limit"], OnTimeoutMs: 1000);

        Assert.True(FailoverMatcher.IsNamedByARule(rules, new ErrorSnapshot(ErrorCategory.Generic, "x", 503)));
        Assert.True(FailoverMatcher.IsNamedByARule(rules, new ErrorSnapshot(ErrorCategory.RateLimit, "x", null)));
        Assert.True(FailoverMatcher.IsNamedByARule(rules, new ErrorSnapshot(ErrorCategory.Timeout, "x", null)));
        Assert.False(FailoverMatcher.IsNamedByARule(rules with { OnTimeoutMs = null }, new ErrorSnapshot(ErrorCategory.Timeout, "x", null)));
    }

    [Theory]
    [InlineData("transient")]
    [InlineData("network")]
    [InlineData(" Transient_Network ")]
    public void Eligible_KindAliases_Match(string kind) =>
        Assert.True(FailoverMatcher.IsEligible(new FailoverRules([], [kind]), new ErrorSnapshot(ErrorCategory.TransientNetwork, "x", null)));

    [Fact]
    public void Eligible_UnknownKind_NeverMatches() =>
        Assert.False(FailoverMatcher.IsEligible(new FailoverRules([], ["bogus"]), new ErrorSnapshot(ErrorCategory.Generic, "x", null)));

    [Theory]
    [InlineData(ErrorCategory.RateLimit, true)]
    [InlineData(ErrorCategory.Overloaded, true)]
    [InlineData(ErrorCategory.TransientNetwork, true)]
    [InlineData(ErrorCategory.ServerError, true)]
    [InlineData(ErrorCategory.Auth, false)]
    [InlineData(ErrorCategory.BudgetExceeded, false)]
    [InlineData(ErrorCategory.CircuitOpen, false)]
    [InlineData(ErrorCategory.Generic, false)]
    public void Eligible_Defaults_CoverTheTransientCategories(ErrorCategory category, bool eligible) =>
        Assert.Equal(eligible, FailoverMatcher.IsEligible(FailoverRules.Defaults, new ErrorSnapshot(category, "x", null)));

    [Fact]
    public void Eligible_Defaults_CoverTheDefaultStatuses() =>
        Assert.True(FailoverMatcher.IsEligible(FailoverRules.Defaults, new ErrorSnapshot(ErrorCategory.Generic, "x", 408)));

    [Fact]
    public void Eligible_OnlyOnTimeoutMsSet_TurnsOffTheDefaults() =>
        Assert.False(FailoverMatcher.IsEligible(FailoverRules.Defaults with { OnTimeoutMs = 5000 }, new ErrorSnapshot(ErrorCategory.RateLimit, "x", 429)));

    [Fact]
    public void Eligible_MaxAttempts_DoesNotTurnOffTheDefaults() =>
        Assert.True(FailoverMatcher.IsEligible(FailoverRules.Defaults with { MaxAttempts = 2 }, new ErrorSnapshot(ErrorCategory.RateLimit, "x", null)));
}
