using RouteShadow.Core.Engines.Harn;
using static RouteShadow.Core.Tests.Engines.Harn.Harn;

namespace RouteShadow.Core.Tests.Engines.Harn;

/// <summary><c>routing_policy(...)</c> config parsing and its validation messages (seed-engines A.2).</summary>
public sealed class RoutingPolicyParserTests
{
    private static string Rejects(PolicyValue config) => Assert.Throws<RoutingPolicyException>(() => RoutingPolicyParser.Parse(config)).Message;

    [Fact]
    public void Chain_Missing_IsRequired() =>
        Assert.Equal("routing_policy: `chain` is required (list of {provider, model})", Rejects(Dict(("label", Str("x")))));

    [Fact]
    public void Chain_NotAList_NamesTheType() =>
        Assert.Equal("routing_policy.chain: expected a list, got string", Rejects(Dict(("chain", Str("a:m")))));

    [Fact]
    public void Chain_Empty_NeedsOneEntry() =>
        Assert.Equal("routing_policy.chain: at least one {provider, model} entry is required", Rejects(Dict(("chain", List()))));

    [Fact]
    public void ChainString_SplitsAtTheFirstColonAndTrims()
    {
        var policy = RoutingPolicyParser.Parse(Dict(("chain", List(Str(" bedrock : anthropic.x:0 ")))));

        Assert.Equal(new PolicyLink("bedrock", "anthropic.x:0"), Assert.Single(policy.Chain));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData(":gpt")]
    [InlineData("openai: ")]
    public void ChainString_WithoutColonOrWithAnEmptyHalf_IsRejected(string item) =>
        Assert.Equal($"routing_policy.chain[0]: expected {{provider, model}} dict or \"provider:model\" string, got \"{item}\"", Rejects(Dict(("chain", List(Str(item))))));

    [Fact]
    public void ChainItem_OfAnotherType_IsRejected() =>
        Assert.Equal("routing_policy.chain[1]: expected dict or string, got int", Rejects(Dict(("chain", List(Str("a:m"), Int(3))))));

    [Fact]
    public void ChainDict_ConvertsProviderAndModelByDisplayForm()
    {
        var policy = RoutingPolicyParser.Parse(Dict(("chain", List(Dict(("provider", Str(" p ")), ("model", Int(4)), ("timeout_ms", PolicyValue.Float(1500.9)), ("label", Str("primary")))))));

        Assert.Equal(new PolicyLink("p", "4", 1500, "primary"), Assert.Single(policy.Chain));
    }

    [Fact]
    public void ChainDict_WithoutModel_NeedsBoth() =>
        Assert.Equal("routing_policy.chain[0]: both provider and model are required (got provider=\"p\", model=\"\")", Rejects(Dict(("chain", List(Dict(("provider", Str("p"))))))));

    [Fact]
    public void ChainDict_EmptyLabel_CountsAsUnset()
    {
        var link = RoutingPolicyParser.Parse(Dict(("chain", List(Dict(("provider", Str("p")), ("model", Str("m")), ("label", Str(""))))))).Chain[0];

        Assert.Null(link.Label);
        Assert.Equal("p:m", link.DisplayLabel);
    }

    [Fact]
    public void LinkTimeout_Negative_UsesTheParentlessPath() =>
        Assert.Equal("routing_policy.timeout_ms: expected a non-negative integer (got int)", Rejects(Dict(("chain", List(Dict(("provider", Str("p")), ("model", Str("m")), ("timeout_ms", Int(-1))))))));

    [Theory]
    [InlineData("failover")]
    [InlineData("latency")]
    [InlineData("budget")]
    [InlineData("observe")]
    public void Section_NotADict_IsRejected(string section) =>
        Assert.Equal($"routing_policy.{section}: expected dict, got list", Rejects(Config((section, List()))));

    [Fact]
    public void Section_Nil_CountsAsAbsent()
    {
        var policy = RoutingPolicyParser.Parse(Config(("failover", PolicyValue.Nil()), ("budget", PolicyValue.Nil())));

        Assert.Equal(FailoverRules.Defaults, policy.Failover);
        Assert.Null(policy.Budget);
    }

    [Fact]
    public void OnStatus_NotAList_IsRejected() =>
        Assert.Equal("routing_policy.failover.on_status: expected a list of HTTP status codes", Rejects(Config(("failover", Dict(("on_status", Int(429)))))));

    [Fact]
    public void OnStatus_NonInteger_IsRejected() =>
        Assert.Equal("routing_policy.failover.on_status: expected integer status codes (got string)", Rejects(Config(("failover", Dict(("on_status", List(Str("429"))))))));

    [Fact]
    public void OnStatus_OutOfRange_IsRejected() =>
        Assert.Equal("routing_policy.failover.on_status: 600 is not a valid HTTP status (100..=599)", Rejects(Config(("failover", Dict(("on_status", List(Int(600))))))));

    [Fact]
    public void OnTimeoutMs_Negative_IsRejectedWithoutItsSection() =>
        Assert.Equal("routing_policy.on_timeout_ms: expected a non-negative integer (got int)", Rejects(Config(("failover", Dict(("on_timeout_ms", Int(-5)))))));

    [Fact]
    public void OnErrorKinds_List_IsTrimmedAndDeduplicated()
    {
        var policy = RoutingPolicyParser.Parse(Config(("failover", Dict(("on_error_kinds", List(Str(" auth "), Str(""), Str("auth"), Str("no_such_kind")))))));

        Assert.Equal(["auth", "no_such_kind"], policy.Failover.OnErrorKinds);
    }

    [Fact]
    public void OnErrorKinds_String_IsSplitButNotDeduplicated()
    {
        var policy = RoutingPolicyParser.Parse(Config(("failover", Dict(("on_error_kinds", Str("auth, ,auth,rate_limit"))))));

        Assert.Equal(["auth", "auth", "rate_limit"], policy.Failover.OnErrorKinds);
    }

    [Fact]
    public void OnErrorKinds_OtherType_IsRejected() =>
        Assert.Equal("routing_policy.on_error_kinds: expected a list of strings (got int)", Rejects(Config(("failover", Dict(("on_error_kinds", Int(1)))))));

    [Fact]
    public void MaxAttemptsZero_PassesParsing()
    {
        var policy = RoutingPolicyParser.Parse(Config(("failover", Dict(("max_attempts", Int(0))))));

        Assert.Equal(0, policy.MaxAttempts);
    }

    [Fact]
    public void MaxAttempts_Unset_DefaultsToTheChainLength() => Assert.Equal(2, RoutingPolicyParser.Parse(Config()).MaxAttempts);

    [Fact]
    public void BudgetCap_Negative_IsRejectedAsANumber() =>
        Assert.Equal("routing_policy.per_call_usd: expected a non-negative number (got float)", Rejects(Config(("budget", Dict(("per_call_usd", PolicyValue.Float(-0.5)))))));

    [Theory]
    [InlineData(" WARN ", OnExceed.Warn)]
    [InlineData("downgrade", OnExceed.Skip)]
    [InlineData("", OnExceed.Abort)]
    public void OnExceed_IsCaseInsensitiveWithAliases(string written, OnExceed expected)
    {
        var policy = RoutingPolicyParser.Parse(Config(("budget", Dict(("per_call_usd", Int(1)), ("on_exceed", Str(written))))));

        Assert.Equal(expected, policy.Budget!.OnExceed);
    }

    [Fact]
    public void OnExceed_Unknown_IsRejected() =>
        Assert.Equal("routing_policy.budget.on_exceed: expected one of abort|skip|warn, got \"later\"", Rejects(Config(("budget", Dict(("per_call_usd", Int(1)), ("on_exceed", Str("later")))))));

    [Fact]
    public void OnExceed_NotAString_IsRejected() =>
        Assert.Equal("routing_policy.budget.on_exceed: expected a string, got bool", Rejects(Config(("budget", Dict(("on_exceed", PolicyValue.Bool(true)))))));

    [Fact]
    public void Budget_WithoutACap_IsIgnoredCompletely() =>
        Assert.Null(RoutingPolicyParser.Parse(Config(("budget", Dict(("on_exceed", Str("warn")))))).Budget);

    [Fact]
    public void EmitEvent_Empty_IsUnsetAndNonStringIsRejected()
    {
        Assert.Equal(RoutingPolicy.DefaultDispatch, RoutingPolicyParser.Parse(Config(("observe", Dict(("emit_event", Str("  ")))))).Dispatch);
        Assert.Equal("routing_policy.observe.emit_event: expected a string, got int", Rejects(Config(("observe", Dict(("emit_event", Int(1)))))));
    }

    [Fact]
    public void Label_DefaultsToTheChainLengthAndNonStringIsRejected()
    {
        Assert.Equal("routing_policy(chain=2)", RoutingPolicyParser.Parse(Config()).EffectiveLabel);
        Assert.Equal("routing_policy.label: expected a string, got int", Rejects(Config(("label", Int(7)))));
    }

    [Fact]
    public void UnknownKeys_AreIgnored() => Assert.Equal(2, RoutingPolicyParser.Parse(Config(("retries", Int(9)))).Chain.Count);

    [Fact]
    public void Rejection_PointsAtTheOffendingValue()
    {
        var bad = Int(600);

        var error = Assert.Throws<RoutingPolicyException>(() => RoutingPolicyParser.Parse(Config(("failover", Dict(("on_status", List(bad)))))));

        Assert.Same(bad, error.At);
    }
}
