using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Testing.Harn;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Harn;

/// <summary>The harn checks as properties: the variants that fix a class pass them; the seed fails them.</summary>
public sealed class HarnPropertiesTests
{
    public static TheoryData<string> RaceFixedVariants => ["race-fixed", "fixed"];

    public static TheoryData<string> WarnFixedVariants => ["warn-specified", "fixed"];

    public static TheoryData<string> LedgerFixedVariants => ["ledger-complete", "fixed"];

    public static TheoryData<string> TimeoutFixedVariants => ["explicit-rules", "fixed"];

    [Theory]
    [MemberData(nameof(RaceFixedVariants))]
    public void RacedNotWorseThanSequential_HoldsForTheFixedRace(string variant) =>
        PropertyRuns.Check(Prop.ForAll(HarnGen.Arbitrary, s => HarnProperties.RacedNotWorseThanSequential(HarnVariant.ByName(variant)!, s)), seed: 71);

    [Theory]
    [MemberData(nameof(WarnFixedVariants))]
    public void WarnChangesOnlyEvents_HoldsForWarnAsSpecified(string variant) =>
        PropertyRuns.Check(Prop.ForAll(HarnGen.Arbitrary, s => HarnProperties.WarnChangesOnlyEvents(HarnVariant.ByName(variant)!, s)), seed: 72);

    [Theory]
    [MemberData(nameof(LedgerFixedVariants))]
    public void LedgerAccountsForTheOutcome_HoldsForTheCompleteLedger(string variant) =>
        PropertyRuns.Check(Prop.ForAll(HarnGen.Arbitrary, s => HarnProperties.LedgerAccountsForTheOutcome(HarnVariant.ByName(variant)!, s)), seed: 73);

    [Theory]
    [MemberData(nameof(TimeoutFixedVariants))]
    public void ExplicitRulesAreExhaustive_HoldsForLaterHarnsTimeoutRule(string variant) =>
        PropertyRuns.Check(Prop.ForAll(HarnGen.Arbitrary, s => HarnProperties.ExplicitRulesAreExhaustive(HarnVariant.ByName(variant)!, s)), seed: 74);

    [Fact]
    public void ExplicitRulesAreExhaustive_FailsForTheSeedWithAShrunkScenario()
    {
        var failure = SeedFailure(HarnProperties.ExplicitRulesAreExhaustive);

        Assert.Contains("variant seed: an error no explicit rule names moves the chain on", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LedgerAccountsForTheOutcome_FailsForTheSeedWithAShrunkScenario()
    {
        var failure = SeedFailure(HarnProperties.LedgerAccountsForTheOutcome);

        Assert.Contains("variant seed: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"budget\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RacedNotWorseThanSequential_FailsForTheSeedWithAShrunkScenario()
    {
        var failure = SeedFailure(HarnProperties.RacedNotWorseThanSequential);

        Assert.Contains("variant seed: the links in sequence succeed but the raced run fails", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"race_after_ms\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarnChangesOnlyEvents_FailsForTheSeedWithAShrunkScenario()
    {
        var failure = SeedFailure(HarnProperties.WarnChangesOnlyEvents);

        Assert.Contains("variant seed: warn changed more than the events", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"on_exceed\": \"warn\"", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The failure the seed variant gives under <paramref name="property"/>, shrunk by FsCheck.</summary>
    private static Exception SeedFailure(Func<HarnVariant, Core.Scenarios.Scenario, Property> property) =>
        Assert.ThrowsAny<Exception>(() =>
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(HarnGen.Arbitrary, s => property(HarnVariant.Seed, s))));
}
