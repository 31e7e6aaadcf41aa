using RouteShadow.Core.ModelRouting;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.ModelRouting;

/// <summary><c>effective_model</c> (engines spec §5.3; fixtures M11–M19) and Core's deterministic tie and overlap rules.</summary>
public sealed class ModelMappingTests
{
    [Theory]
    [InlineData("gpt-5", "x*", "gpt-5", "x*")] // M11 (with the wildcard below: see the next test)
    [InlineData("gpt-*", "y-*", "gpt-5-mini", "y-5-mini")] // M12
    [InlineData("gpt-*", "fixed", "gpt-5", "fixed")] // M14
    [InlineData("gpt-*", "*-*", "gpt-5", "5-*")] // M15
    [InlineData("*-mini", "small-*", "gpt-5-mini", "small-gpt-5")] // M16
    [InlineData("claude-*", "x", "gpt-5", "gpt-5")] // M17
    [InlineData("g*-*", "x", "gpt-5", "gpt-5")] // M18
    public void EffectiveModel_OneMappingEntry_MatchesVerifiedResult(string pattern, string replacement, string model, string expected)
    {
        Assert.Equal(expected, ModelMapping.EffectiveModel(Some.Map((pattern, replacement)), model));
    }

    [Fact]
    public void EffectiveModel_ExactKeyBesideWildcard_ExactWinsAndStarStaysLiteral() // M11
    {
        var result = ModelMapping.Resolve(Some.Map(("gpt-5", "x*"), ("gpt-*", "y-*")), "gpt-5");

        Assert.Equal(new EffectiveModelResult("x*", "gpt-5", EffectiveModelNote.None), result);
    }

    [Fact]
    public void EffectiveModel_TwoWildcards_MoreSpecificWins() // M13
    {
        var result = ModelMapping.Resolve(Some.Map(("gpt-*", "a-*"), ("gpt-5*", "b-*")), "gpt-5-mini");

        Assert.Equal(new EffectiveModelResult("b--mini", "gpt-5*", EffectiveModelNote.None), result);
    }

    [Fact]
    public void EffectiveModel_EmptyMapping_PassesModelThrough()
    {
        Assert.Equal(new EffectiveModelResult("gpt-5", null, EffectiveModelNote.None), ModelMapping.Resolve(Some.Map(), "gpt-5"));
    }

    [Fact]
    public void Resolve_OverlappingPrefixAndSuffix_UsesEmptyMiddleAndFlagsIt() // M19 (the reference panics)
    {
        var result = ModelMapping.Resolve(Some.Map(("ab*ba", "z*")), "aba");

        Assert.Equal(new EffectiveModelResult("z", "ab*ba", EffectiveModelNote.OverlappingWildcard), result);
    }

    [Fact]
    public void Resolve_OverlapWithStarlessReplacement_ReturnsReplacementWithoutFlag()
    {
        var result = ModelMapping.Resolve(Some.Map(("ab*ba", "fixed")), "aba");

        Assert.Equal(new EffectiveModelResult("fixed", "ab*ba", EffectiveModelNote.None), result);
    }

    [Theory] // equal specificity (2 + 0 vs 0 + 2): the ordinally smallest pattern, "*-5" < "gp*"
    [InlineData(true)]
    [InlineData(false)]
    public void Resolve_EqualSpecificity_PicksOrdinallySmallestPatternAndFlagsTie(bool smallestFirst)
    {
        (string, string)[] entries = [("*-5", "b*"), ("gp*", "a*")];
        var mapping = Some.Map(smallestFirst ? entries : [.. entries.Reverse()]);

        var result = ModelMapping.Resolve(mapping, "gp-5");

        Assert.Equal(new EffectiveModelResult("bgp", "*-5", EffectiveModelNote.SpecificityTie), result);
    }

    [Fact]
    public void Resolve_TieBelowAMoreSpecificMatch_IsNotFlagged()
    {
        var result = ModelMapping.Resolve(Some.Map(("*-5", "b*"), ("gp*", "a*"), ("gp-*", "c*")), "gp-5");

        Assert.Equal(new EffectiveModelResult("c5", "gp-*", EffectiveModelNote.None), result);
    }

    [Fact]
    public void Resolve_TieAndOverlapTogether_FlagsBoth()
    {
        // Both patterns have specificity 4 and overlap in "aba"; "a*aba" < "ab*ba" ordinally.
        var result = ModelMapping.Resolve(Some.Map(("ab*ba", "z*"), ("a*aba", "y*")), "aba");

        Assert.Equal("a*aba", result.MatchedKey);
        Assert.Equal("y", result.Model);
        Assert.Equal(EffectiveModelNote.SpecificityTie | EffectiveModelNote.OverlappingWildcard, result.Note);
    }
}
