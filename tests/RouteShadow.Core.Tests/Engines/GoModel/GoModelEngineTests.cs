using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Core.Shadow;
using static RouteShadow.Core.Tests.Engines.GoModel.GoModelWorld;

namespace RouteShadow.Core.Tests.Engines.GoModel;

/// <summary>Spec B.4–B.9: resolution, strategies, affinity, failover, listing, and what each variant fixes.</summary>
public sealed class GoModelEngineTests
{
    private static readonly GoModelVariant Head = GoModelVariant.Head;
    private static readonly GoModelVariant Specified = GoModelVariant.Specified;

    [Fact]
    public void PriorityFailover_SortsByPriorityThenQualifiedName()
    {
        var config = Config(null, ("gpt", [C("c", priority: 2), C("b", priority: 1), C("a", priority: 2)]));
        var ledger = Plan(Specified, Question(config, [Request()], replies: Replies(("b/m", [503]), ("a/m", [503]))));
        Assert.Equal(["b/m", "a/m", "c/m"], Dispatched(ledger));
        Assert.Equal("fallbacks=[a/m,c/m]", Report(ledger).Detail);
    }

    [Fact]
    public void WeightedRoundRobin_Head_ScoresWeightMinusPicks_AndSettlesIntoAlternation()
    {
        var config = Weighted(C("a", weight: 3), C("b", weight: 1)) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var steps = Enumerable.Repeat<GoModelStep>(Request(), 8).ToList();
        var picks = Dispatched(Plan(new GoModelVariant("x", GoModelBugs.WeightsDrift), Question(config, steps)));
        Assert.Equal(["a/m", "a/m", "a/m", "b/m", "a/m", "b/m", "a/m", "b/m"], picks);
    }

    [Fact]
    public void WeightedRoundRobin_Smooth_PicksEachCandidateItsWeightPerRound()
    {
        var config = Weighted(C("a", weight: 3), C("b", weight: 1)) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var steps = Enumerable.Repeat<GoModelStep>(Request(), 8).ToList();
        var picks = Dispatched(Plan(Specified, Question(config, steps))).ToList();
        Assert.Equal(6, picks.Count(p => p == "a/m"));
        Assert.Equal(2, picks.Count(p => p == "b/m"));
    }

    [Fact]
    public void WeightedRoundRobin_TiesGoToTheEarliestBySortOrder_WeightThenPriorityThenName()
    {
        var config = Config("weighted_round_robin", ("gpt", [C("b", priority: 2, weight: 2), C("c", priority: 1, weight: 2), C("a", priority: 2, weight: 2)]));
        var ledger = Plan(GoModelVariant.Named("resolve-once")!, Question(config, [Request()]));
        Assert.Equal(("c/m", "fallbacks=[a/m,b/m]"), (Report(ledger).Candidate, Report(ledger).Detail));
    }

    [Fact]
    public void WeightedRoundRobin_Head_RecoveredCandidateTakesABurst()
    {
        // While b is disabled only a's count climbs; once b is back its score is far ahead (N2).
        var config = Weighted(C("a"), C("b")) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var off = new SetStateStep(new RoutingStateEntry(RoutingStateKind.Provider, "b", null, null, false));
        var on = new SetStateStep(new RoutingStateEntry(RoutingStateKind.Provider, "b", null, null, true));
        List<GoModelStep> steps = [off, .. Enumerable.Repeat<GoModelStep>(Request(), 4), on, .. Enumerable.Repeat<GoModelStep>(Request(), 4)];
        var picks = Dispatched(Plan(GoModelVariant.Named("resolve-once")!, Question(config, steps))).Skip(4);
        Assert.Equal(["b/m", "b/m", "b/m", "b/m"], picks);
    }

    [Fact]
    public void UnmatchedModel_IsRejectedAsUnsupported()
    {
        var report = Report(Plan(Specified, Question(Config(null, ("gpt", [C("a")])), [Request("nope")])));
        Assert.Equal((GoModelEntryKind.Reject, 400, "unsupported model: nope"), (report.Kind, report.Status, report.Detail));
    }

    [Fact]
    public void DoubleResolve_Head_RunsOnTheFirstPickButReportsTheSecond()
    {
        var config = Weighted(C("a"), C("b")) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var ledger = Plan(Head, Question(config, [Request()]));
        Assert.Equal(["a/m"], Dispatched(ledger));
        Assert.Equal("b/m", Report(ledger).Candidate);
        Assert.Equal("fallbacks=[a/m]", Report(ledger).Detail);
    }

    [Fact]
    public void DoubleResolve_ResolveOnce_ReportsWhatRan()
    {
        var config = Weighted(C("a"), C("b")) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var ledger = Plan(GoModelVariant.Named("resolve-once")!, Question(config, [Request()]));
        Assert.Equal(("a/m", "fallbacks=[b/m]"), (Report(ledger).Candidate, Report(ledger).Detail));
    }

    [Fact]
    public void DoubleResolve_IsMaskedByARequestIdPin_ButTheFallbacksComeInDeclarationOrder()
    {
        var config = Config("weighted_round_robin", ("gpt", [C("c", weight: 1), C("a", weight: 2), C("b", weight: 2)]));
        var ledger = Plan(Head, Question(config, [Request(requestId: "r1")]));
        Assert.Equal(("a/m", "fallbacks=[c/m,b/m]"), (Report(ledger).Candidate, Report(ledger).Detail));
    }

    [Fact]
    public void ResolvingOnceVsTwice_DiffLikeLegacyAndExecutor()
    {
        var config = Weighted(C("a"), C("b")) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var shadow = new EngineShadow<GoModelQuestion, GoModelAttempt>(new GoModelEngine(GoModelVariant.Named("resolve-once")!), new GoModelEngine(Head));
        var comparison = shadow.Compare(Question(config, [Request()]));
        Assert.Equal(1, comparison.FirstDivergence);
    }

    [Fact]
    public void Affinity_LivePin_WinsWithoutTouchingCounters_AndIsNotExtended()
    {
        var config = Weighted(C("a"), C("b"));
        var state = GoModelSnapshot.Fresh with { Pins = [new AffinityPin("gpt|user_path|/t", "b/m", 1_000)] };
        var question = Question(config, [Request(userPath: "/t"), new AdvanceStep(1_000), Request(userPath: "/t")], state);
        var ledger = Plan(Specified, question);
        Assert.Equal(["b/m", "a/m"], Dispatched(ledger));
        Assert.Equal("affinity_pin", ledger[0].Detail);
    }

    [Fact]
    public void Affinity_PinnedCandidateNoLongerSelectable_IsRepinned()
    {
        var config = Weighted(C("a"), C("b"));
        var state = GoModelSnapshot.Fresh with { Pins = [new AffinityPin("gpt|user_path|/t", "b/m", 60_000)] };
        var disableB = new SetStateStep(new RoutingStateEntry(RoutingStateKind.Provider, "b", null, null, false));
        var enableB = new SetStateStep(new RoutingStateEntry(RoutingStateKind.Provider, "b", null, null, true));
        var ledger = Plan(Specified, Question(config, [disableB, Request(userPath: "/t"), enableB, Request(userPath: "/t")], state));
        Assert.Equal(["a/m", "a/m"], Dispatched(ledger));
    }

    [Fact]
    public void Affinity_Head_KeysByRequestId_OneEntryPerRequestThatNeverExpiresUnread()
    {
        var question = Question(Weighted(C("a"), C("b")), [Request(requestId: "r1"), Request(requestId: "r2"), new AdvanceStep(RoutingDefaults.DefaultTtlMs)]);
        Assert.Equal(2, PinsAfter(Head, question));
        Assert.Equal(0, PinsAfter(Specified, question));
    }

    [Fact]
    public void Failover_OnlyWhenThePolicyAllowsThePrimaryError()
    {
        var config = Config(null, ("gpt", [C("a", priority: 1), C("b", priority: 2)]));
        Assert.Equal(["a/m"], Dispatched(Plan(Specified, Question(config, [Request()], replies: Replies(("a/m", [400]))))));
        Assert.Equal(["a/m", "b/m"], Dispatched(Plan(Specified, Question(config, [Request()], replies: Replies(("a/m", [503]))))));
    }

    [Fact]
    public void Failover_StopsAtMaxAttempts_PrimaryIncluded_AndLaterErrorsAreNotReChecked()
    {
        var config = Config(null, ("gpt", [C("a", priority: 1), C("b", priority: 2), C("c", priority: 3), C("d", priority: 4)]));
        var replies = Replies(("a/m", [503]), ("b/m", [400]), ("c/m", [400]));
        var ledger = Plan(Specified, Question(config, [Request()], replies: replies));
        Assert.Equal(["a/m", "b/m", "c/m"], Dispatched(ledger));
        Assert.Equal(400, Report(ledger).Status);
    }

    [Fact]
    public void Failover_SuccessOnAFallback_MakesItTheEffectiveCandidate()
    {
        var config = Config(null, ("gpt", [C("a", priority: 1), C("b", priority: 2)]));
        var ledger = Plan(Specified, Question(config, [Request()], replies: Replies(("a/m", [429]))));
        Assert.Equal(("b/m", 200), (Report(ledger).Candidate, Report(ledger).Status));
    }

    [Theory]
    [InlineData(true, 501, "", true)]
    [InlineData(false, 501, "", false)]
    [InlineData(false, 503, "", true)]
    [InlineData(true, 404, "model not found", true)]
    [InlineData(true, 404, "route not found", false)]
    public void ShouldAttempt_FollowsTheRuleOrder(bool retryOnModelErrors, int status, string message, bool expected) =>
        Assert.Equal(expected, FailoverPolicy.ShouldAttempt(FailoverSettings.Default with { RetryOnModelErrors = retryOnModelErrors }, new UpstreamReply(status, message)));

    [Fact]
    public void ShouldAttempt_DisabledFailover_NeverRetries() =>
        Assert.False(FailoverPolicy.ShouldAttempt(FailoverSettings.Default with { Enabled = false }, new UpstreamReply(503)));

    [Fact]
    public void Resolve_CanonicalDisabledOrNothingSelectable_RejectsWithGoModelsMessage()
    {
        var config = Config(null, ("gpt", [C("a")]));
        var canonicalOff = WithRows(new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, "gpt", null, false));
        var providerOff = WithRows(new RoutingStateEntry(RoutingStateKind.Provider, "a", null, null, false));
        Assert.Equal("canonical model \"gpt\" is disabled", Report(Plan(Specified, Question(config, [Request()], canonicalOff))).Detail);
        Assert.Equal("routing pool \"gpt\" has no enabled candidates", Report(Plan(Specified, Question(config, [Request()], providerOff))).Detail);
    }

    [Fact]
    public void Toggle_Head_DisablesTheCandidateInEveryPool_SpecifiedOnlyInItsOwn()
    {
        var config = Config(null, ("gpt", [C("a", priority: 1), C("b", priority: 2)]), ("fast", [C("a", priority: 1), C("b", priority: 2)]));
        var toggle = new SetStateStep(new RoutingStateEntry(RoutingStateKind.PoolCandidate, "a", "gpt", "m", false));
        var question = Question(config, [toggle, Request("fast")]);
        Assert.Equal(["b/m"], Dispatched(Plan(Head, question)));
        Assert.Equal(["a/m"], Dispatched(Plan(Specified, question)));
    }

    [Fact]
    public void DirectRequest_DisabledProvider_ServedAtHead_RejectedWhenGuarded()
    {
        var config = Config(null, ("gpt", [C("a")]));
        var question = Question(config, [Request("m", provider: "a")], WithRows(new RoutingStateEntry(RoutingStateKind.Provider, "a", null, null, false)));
        Assert.Equal(["a/m"], Dispatched(Plan(Head, question)));
        Assert.Empty(Dispatched(Plan(Specified, question)));
    }

    [Fact]
    public void Listing_Head_AdvancesTheListersCounters_SoRepeatedListingsDiffer()
    {
        var config = Weighted(C("a"), C("b"));
        var ledger = Plan(Head, Question(config, [new ListModelsStep(), new ListModelsStep()]));
        Assert.Equal(["a/m", "b/m"], ledger.Select(a => a.Candidate));
    }

    [Fact]
    public void Listing_Specified_IsADryRunOfLiveRouting()
    {
        var config = Weighted(C("a"), C("b")) with { Defaults = RoutingDefaults.Default with { Strategy = PoolStrategy.WeightedRoundRobin, SessionAffinity = false } };
        var ledger = Plan(Specified, Question(config, [new ListModelsStep(), new ListModelsStep(), Request()]));
        Assert.Equal(["a/m", "a/m", "a/m"], ledger.Where(a => a.Kind != GoModelEntryKind.Report).Select(a => a.Candidate));
    }

    [Fact]
    public void Plan_LeavesTheQuestionUnchanged_AndRepeats()
    {
        var question = Question(Weighted(C("a"), C("b")), [Request(requestId: "r"), new ListModelsStep()]);
        Assert.Equal(Plan(Head, question), Plan(Head, question));
    }

    private static int PinsAfter(GoModelVariant variant, GoModelQuestion question)
    {
        var gateway = GoModelGateway.For(question, variant);
        var ledger = new List<GoModelAttempt>();
        for (var i = 0; i < question.Steps.Count; i++)
        {
            gateway.Play(i, question.Steps[i], ledger);
        }

        return gateway.State.Pins.Count;
    }
}
