using RouteShadow.Testing.Checks;

namespace RouteShadow.Testing.Tests.Checks;

/// <summary>The generic checks harn owns, on plain delegates: each holds and fails where it should, whatever the engine.</summary>
public sealed class HarnOwnedChecksTests
{
    private static string? Raced(bool racedSucceeds, bool sequentialSucceeds) =>
        RacedNotWorseThanSequential.Check(0, _ => racedSucceeds, _ => sequentialSucceeds, ok => ok, ok => ok ? "ok" : "failed");

    [Fact]
    public void RacedNotWorseThanSequential_FailsOnlyWhenTheSequenceSucceedsAndTheRaceDoesNot()
    {
        Assert.Null(Raced(racedSucceeds: true, sequentialSucceeds: true));
        Assert.Null(Raced(racedSucceeds: true, sequentialSucceeds: false));
        Assert.Null(Raced(racedSucceeds: false, sequentialSucceeds: false));
        Assert.Equal("the links in sequence succeed but the raced run fails.\nsequential: ok\nraced: failed", Raced(racedSucceeds: false, sequentialSucceeds: true));
    }

    [Fact]
    public void WarnChangesOnlyEvents_ComparesWhatTheRunsDidWithoutTheBudget()
    {
        // A question is (budget says warn?, value); the observation ignores nothing but the flag.
        static string? Check(Func<(bool Warn, int Value), int> observe) =>
            WarnChangesOnlyEvents.Check((Warn: true, Value: 3), q => q with { Warn = false }, observe);

        Assert.Null(Check(q => q.Value));
        Assert.Equal("warn changed more than the events.\nwithout a budget: 3\nunder warn: 0", Check(q => q.Warn ? 0 : q.Value));
    }

    [Fact]
    public void ExplicitRulesAreExhaustive_EveryFailoverNeedsARuleOnceRulesAreSet()
    {
        Assert.Null(ExplicitRulesAreExhaustive.Check(["timeout"], explicitRules: false, _ => false));
        Assert.Null(ExplicitRulesAreExhaustive.Check(["429"], explicitRules: true, e => e == "429"));
        Assert.Equal("an error no explicit rule names moves the chain on: timeout", ExplicitRulesAreExhaustive.Check(["429", "timeout"], explicitRules: true, e => e == "429"));
    }

    [Fact]
    public void LedgerAccountsForTheOutcome_NeedsEveryAnnouncedAttemptAndTheTerminalErrorInTheLedger()
    {
        static string? Check(int[] announced, int[] recorded, string? error, string[] errors) =>
            LedgerAccountsForTheOutcome.Check(0, _ => announced, _ => recorded, _ => error, _ => errors);

        Assert.Null(Check([1, 2], [1, 2], "boom", ["boom"]));
        Assert.Null(Check([], [], "rejected before any attempt", []));
        Assert.Equal("attempts the engine decided about are missing from the ledger: 2", Check([1, 2], [1], null, []));
        Assert.Equal("the terminal error is carried by no attempt in the ledger: empty chain?", Check([1], [1], "empty chain?", ["skipped"]));
    }
}
