using RouteShadow.Core.ModelRouting;

namespace RouteShadow.Core.Tests.ModelRouting;

/// <summary><c>match_wildcard</c> (engines spec §5.1).</summary>
public sealed class WildcardTests
{
    [Theory]
    [InlineData("gpt-5", "gpt-5", true)]
    [InlineData("gpt-5", "GPT-5", false)]
    [InlineData("gpt-5", "gpt-5 ", false)]
    [InlineData("gpt-*", "gpt-5-mini", true)]
    [InlineData("gpt-*", "gpt-", true)]
    [InlineData("*-mini", "gpt-5-mini", true)]
    [InlineData("*", "", true)]
    [InlineData("ab*ba", "aba", true)]
    [InlineData("ab*ba", "ab", false)]
    [InlineData("g*-*", "gpt-5", false)]
    [InlineData("**", "anything", false)]
    public void Matches_Pattern_FollowsSingleStarRule(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Wildcard.Matches(pattern, text));
    }

    [Theory]
    [InlineData("gpt-*", true, "gpt-", "")]
    [InlineData("*", true, "", "")]
    [InlineData("a*b*c", false, "", "")]
    [InlineData("exact", false, "", "")]
    public void TrySplit_Pattern_GivesPrefixAndSuffixOnlyForOneStar(string pattern, bool ok, string prefix, string suffix)
    {
        Assert.Equal(ok, Wildcard.TrySplit(pattern, out var p, out var s));
        Assert.Equal((prefix, suffix), (p, s));
    }
}
