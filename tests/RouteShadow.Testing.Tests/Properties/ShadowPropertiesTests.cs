using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Properties;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Properties;

public sealed class ShadowPropertiesTests
{
    /// <summary>The migration's safety net: on states production reaches, every difference is a known one.</summary>
    [Fact]
    public void Parity_ReachableScenarios_HoldsOutsideTheKnownClasses()
    {
        PropertyRuns.Check(Prop.ForAll(ReachableScenarios.Scenarios, s => ShadowProperties.Parity(s, ShadowProperties.KnownDivergences)), seed: 31);
    }

    [Fact]
    public void Parity_FreeFormScenarios_HoldsOutsideTheKnownClasses()
    {
        PropertyRuns.Check(Prop.ForAll(FreeFormScenarios.Scenarios, s => ShadowProperties.Parity(s, ShadowProperties.KnownDivergences)), seed: 32);
    }

    [Fact]
    public void Parity_KnownMismatch_FailsUnlessItsClassIsExcluded()
    {
        var scenario = Some.ExhaustedSticky();

        Assert.False(Holds(ShadowProperties.Parity(scenario)));
        Assert.False(Holds(ShadowProperties.Parity(scenario, DivergenceClass.MultiStationSticky)));
        Assert.True(Holds(ShadowProperties.Parity(scenario, DivergenceClass.ExhaustedStickyUpstream)));
    }

    [Fact]
    public void Parity_Failure_IsLabelledWithTheScenarioFile()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(1), ShadowProperties.Parity(Some.ExhaustedSticky())));

        Assert.Contains("classes: exhausted_sticky_upstream", failure.Message);
        Assert.Contains("\"schema\": \"routeshadow/scenario@1\"", failure.Message);
        Assert.Contains("\"expect\"", failure.Message);
    }

    [Fact]
    public void KnownDivergences_AreEveryClassButUnclassified()
    {
        Assert.Equal(Enum.GetValues<DivergenceClass>().Length - 1, ShadowProperties.KnownDivergences.Count);
        Assert.DoesNotContain(DivergenceClass.Unclassified, ShadowProperties.KnownDivergences);
    }

    private static bool Holds(Property property)
    {
        try
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(1), property);
            return true;
        }
        catch (Exception ex) when (ex.Message.Contains("Falsifiable", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
