using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Testing.GoModel;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.GoModel;

/// <summary>
/// Each check holds, over generated scenarios, for <c>specified</c> and for the head with that one
/// finding fixed — and fails for <c>head</c> itself, shrinking to a minimal scenario.
/// </summary>
public sealed class GoModelPropertiesTests
{
    public static TheoryData<string> Checks => [.. GoModelBugNames.Each.Select(b => b.WireName())];

    [Theory]
    [MemberData(nameof(Checks))]
    public void Check_HoldsForSpecified(string check) =>
        PropertyRuns.Check(Prop.ForAll(GoModelScenarios.Scenarios, s => GoModelProperties.Holds(s, GoModelVariant.Specified, Bug(check))), seed: 71);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Check_HoldsForTheVariantThatFixesIt(string check)
    {
        var bug = Bug(check);
        var fixing = GoModelVariant.All.Single(v => v.Bugs == (GoModelBugs.All & ~bug));
        PropertyRuns.Check(Prop.ForAll(GoModelScenarios.Scenarios, s => GoModelProperties.Holds(s, fixing, bug)), seed: 72);
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public void Check_FailsForHead_AndFsCheckShrinksTheCounterexample(string check)
    {
        var failure = Assert.ThrowsAny<Exception>(() =>
            PropertyRuns.Check(Prop.ForAll(GoModelScenarios.Scenarios, s => GoModelProperties.Holds(s, GoModelVariant.Head, Bug(check))), seed: 73));
        Assert.Contains("head violates", failure.Message, StringComparison.Ordinal);
        Assert.Matches(@"\([1-9][0-9]* shrinks?\)", failure.Message);
    }

    private static GoModelBugs Bug(string check) => GoModelBugNames.TryParse(check, out var bug) ? bug : throw new ArgumentException(check);
}
