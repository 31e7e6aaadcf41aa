using RouteShadow.Core.ModelRouting;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.ModelRouting;

/// <summary><c>is_model_supported</c> (engines spec §5.2; fixtures M1–M10).</summary>
public sealed class ModelSupportTests
{
    [Fact]
    public void IsSupported_ExactKeyWithFalseValue_StillSupports() // M1
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(("gpt-5", false)), Some.Map(), "gpt-5"));
    }

    [Fact]
    public void IsSupported_WildcardKeyWithFalseValue_StillSupports() // M2
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(("gpt-*", false)), Some.Map(), "gpt-5"));
    }

    [Fact]
    public void IsSupported_DifferentCase_DoesNotSupport() // M3
    {
        Assert.False(ModelSupport.IsSupported(Some.Flags(("GPT-5", true)), Some.Map(), "gpt-5"));
    }

    [Fact]
    public void IsSupported_TwoStarPattern_NeverMatches() // M4
    {
        Assert.False(ModelSupport.IsSupported(Some.Flags(("g*-*", true)), Some.Map(), "gpt-5"));
    }

    [Fact]
    public void IsSupported_LoneStarAndEmptyModel_Supports() // M5
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(("*", true)), Some.Map(), ""));
    }

    [Fact]
    public void IsSupported_OverlappingPrefixAndSuffix_Supports() // M6
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(("ab*ba", true)), Some.Map(), "aba"));
    }

    [Fact]
    public void IsSupported_ExactMappingKey_Supports() // M7
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(), Some.Map(("gpt-5", "x")), "gpt-5"));
    }

    [Fact]
    public void IsSupported_MappingForAnotherModel_DoesNotSupport() // M8
    {
        Assert.False(ModelSupport.IsSupported(Some.Flags(), Some.Map(("gpt-5", "x")), "gpt-4"));
    }

    [Fact]
    public void IsSupported_MappingWildcardBesideUnrelatedSupportedList_Supports() // M9
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(("a", true)), Some.Map(("gpt-*", "x")), "gpt-4"));
    }

    [Theory] // M10
    [InlineData("anything")]
    [InlineData("")]
    [InlineData("gpt-5")]
    public void IsSupported_BothMapsEmpty_SupportsAnything(string model)
    {
        Assert.True(ModelSupport.IsSupported(Some.Flags(), Some.Map(), model));
    }

    [Fact]
    public void IsSupported_OnlySupportedListWithoutMatch_DoesNotSupport()
    {
        Assert.False(ModelSupport.IsSupported(Some.Flags(("gpt-4.1", true), ("gpt-4o", true)), Some.Map(), "gpt-5"));
    }
}
