using RouteShadow.Testing.Checks;

namespace RouteShadow.Testing.Tests.Checks;

/// <summary>Each engine-independent check holds on a well-behaved toy engine and catches the misbehaving one.</summary>
public sealed class ChecksTests
{
    [Fact]
    public void QueryLeavesStateUnchanged_PureQuery_Holds()
    {
        var counter = new int[1];
        Assert.Null(QueryLeavesStateUnchanged.Check(counter, c => $"{c[0]}", c => c[0]));
    }

    [Fact]
    public void QueryLeavesStateUnchanged_QueryThatCounts_IsCaught()
    {
        var counter = new int[1];
        var violation = QueryLeavesStateUnchanged.Check(counter, c => $"{c[0]}", c => c[0]++, repeats: 1);
        Assert.Equal(QueryLeavesStateUnchanged.Name, violation?.Check);
        Assert.Contains("- 0", violation!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryLeavesStateUnchanged_AnswersThatDiffer_AreCaught() =>
        Assert.NotNull(QueryLeavesStateUnchanged.Check(new int[1], _ => "same", c => ++c[0] % 2, repeats: 2));

    [Theory]
    [InlineData(new[] { "a" }, "a", new string[0], true, false)]
    [InlineData(new[] { "a", "b" }, "b", new[] { "b" }, true, false)]
    [InlineData(new[] { "a" }, "b", new[] { "a" }, true, true)]
    [InlineData(new[] { "a" }, "b", new[] { "c" }, true, true)]
    [InlineData(new[] { "a" }, "b", new[] { "c" }, false, false)]
    public void ResolvingTwicePicksSameCandidate_ComparesWhatRanWithWhatIsReported(
        string[] dispatched, string reported, string[] fallbacks, bool served, bool violated) =>
        Assert.Equal(violated, ResolvingTwicePicksSameCandidate.Check(dispatched, reported, fallbacks, served) is not null);

    [Fact]
    public void DisabledEntityGetsNoTraffic_AuditsEveryEntityOfEveryDispatch()
    {
        (string Provider, string Pool)[] dispatches = [("a", "gpt"), ("b", "fast")];
        Assert.Null(DisabledEntityGetsNoTraffic.Check(dispatches, d => new[] { d.Provider, d.Pool }, (_, e) => e == "c"));
        Assert.Contains("fast", DisabledEntityGetsNoTraffic.Check(dispatches, d => new[] { d.Provider, d.Pool }, (_, e) => e == "fast")!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OneToggleChangesOnlyItsEntity_SharedSwitch_IsCaught()
    {
        // Members are (group, name); a state is the set of switched-off keys.
        (string Group, string Name)[] members = [("p1", "x"), ("p2", "x")];
        bool Covers((string Group, string Name) entity, (string Group, string Name) member) => entity == member;
        var local = OneToggleChangesOnlyItsEntity.Check(
            new HashSet<string>(), members, members, Covers, (s, m) => !s.Contains($"{m.Group}|{m.Name}"), s => new HashSet<string>(s), (s, e) => s.Add($"{e.Group}|{e.Name}"));
        var shared = OneToggleChangesOnlyItsEntity.Check(
            new HashSet<string>(), members, members, Covers, (s, m) => !s.Contains(m.Name), s => new HashSet<string>(s), (s, e) => s.Add(e.Name));
        Assert.Null(local);
        Assert.Contains("p2", shared!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PickFrequenciesFollowWeights_ProportionalHolds_EvenSplitIsCaught()
    {
        var weights = new Dictionary<string, int> { ["a"] = 3, ["b"] = 1 };
        string[] proportional = [.. Enumerable.Repeat(new[] { "a", "a", "a", "b" }, 25).SelectMany(x => x)];
        string[] even = [.. Enumerable.Repeat(new[] { "a", "b" }, 50).SelectMany(x => x)];
        Assert.Null(PickFrequenciesFollowWeights.Check(weights, proportional));
        Assert.Contains("50.0%", PickFrequenciesFollowWeights.Check(weights, even)!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AffinityMemoryBounded_OneEntryPerSessionThatExpires_Holds_OnePerRequestIsCaught()
    {
        var perSession = new Dictionary<string, int>();
        var perRequest = new Dictionary<string, int>();
        Action<Dictionary<string, int>>[] requests = [.. Enumerable.Range(0, 3).Select(i => (Action<Dictionary<string, int>>)(m => m[$"r{i}"] = i))];
        Action<Dictionary<string, int>>[] sessions = [.. Enumerable.Range(0, 3).Select(_ => (Action<Dictionary<string, int>>)(m => m["s"] = 0))];

        Assert.Null(AffinityMemoryBounded.Check(perSession, sessions, m => m.Count, m => m.Count == 0 ? 0 : 1, m => m.Clear()));
        Assert.Contains("after step 2", AffinityMemoryBounded.Check(perRequest, requests, m => m.Count, _ => 1, m => m.Clear())!.Detail, StringComparison.Ordinal);

        // Lazy expiry: the TTL passes but nothing is dropped until read.
        var expired = false;
        var lazy = AffinityMemoryBounded.Check(new Dictionary<string, int>(), sessions, m => m.Count, _ => expired ? 0 : 1, _ => expired = true);
        Assert.Contains("once every session expired", lazy!.Detail, StringComparison.Ordinal);
    }
}
