using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Core.Tests.Shadow;

public sealed class EngineShadowTests
{
    [Theory]
    [InlineData("abc", "abc", null)]
    [InlineData("abc", "abd", 2)]
    [InlineData("abc", "ab", 2)]
    [InlineData("ab", "abc", 2)]
    [InlineData("xbc", "abc", 0)]
    public void Reports_the_first_position_where_the_attempt_lists_part(string control, string candidate, int? expected)
    {
        var shadow = new EngineShadow<string, char>(new Letters("control", control), new Letters("candidate", candidate));

        var comparison = shadow.Compare("question");

        Assert.Equal(expected, comparison.FirstDivergence);
        Assert.Equal(expected is null, comparison.Matches);
        Assert.Equal(control, new string([.. comparison.Control]));
        Assert.Equal(candidate, new string([.. comparison.Candidate]));
    }

    [Fact]
    public void An_engine_that_throws_is_an_error_never_a_match()
    {
        var shadow = new EngineShadow<string, char>(new Letters("control", "a"), new Letters("candidate", null));

        var comparison = shadow.Compare("question");

        Assert.False(comparison.Matches);
        Assert.Equal("InvalidOperationException: no plan for question", comparison.Error);
    }

    [Fact]
    public void A_custom_comparer_decides_attempt_equality()
    {
        var shadow = new EngineShadow<string, char>(
            new Letters("control", "abc"), new Letters("candidate", "ABC"), new CaseInsensitive());

        Assert.True(shadow.Compare("question").Matches);
    }

    private sealed class Letters(string name, string? plan) : IRoutingEngine<string, char>
    {
        public string Name => name;

        public IReadOnlyList<char> Plan(string question) =>
            plan?.ToCharArray() ?? throw new InvalidOperationException($"no plan for {question}");
    }

    private sealed class CaseInsensitive : IEqualityComparer<char>
    {
        public bool Equals(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);

        public int GetHashCode(char obj) => char.ToUpperInvariant(obj).GetHashCode();
    }
}
