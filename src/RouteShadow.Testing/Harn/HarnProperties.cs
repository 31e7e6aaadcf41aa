using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Testing.Harn;

/// <summary>
/// The harn checks as FsCheck properties over scenarios with a <c>harn</c> section (use with
/// <see cref="HarnGen.Arbitrary"/>, which shrinks). A failure is labelled with the violation and
/// the scenario file, so the shrunk counterexample can be pasted into <c>fixtures/harn/</c>.
/// </summary>
public static class HarnProperties
{
    public static Property RacedNotWorseThanSequential(HarnVariant variant, Scenario scenario) =>
        Holds(HarnChecks.RacedNotWorseThanSequential(variant, scenario.Harn!.Question), variant, scenario);

    public static Property WarnChangesOnlyEvents(HarnVariant variant, Scenario scenario) =>
        Holds(HarnChecks.WarnChangesOnlyEvents(variant, scenario.Harn!.Question), variant, scenario);

    public static Property LedgerAccountsForTheOutcome(HarnVariant variant, Scenario scenario) =>
        Holds(HarnChecks.LedgerAccountsForTheOutcome(variant, scenario.Harn!.Question), variant, scenario);

    public static Property ExplicitRulesAreExhaustive(HarnVariant variant, Scenario scenario) =>
        Holds(HarnChecks.ExplicitRulesAreExhaustive(variant, scenario.Harn!.Question), variant, scenario);

    private static Property Holds(string? violation, HarnVariant variant, Scenario scenario) =>
        violation is null
            ? Prop.ToProperty(true)
            : Prop.Label(false, $"variant {variant.Name}: {violation}\n{Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(scenario))}");
}
