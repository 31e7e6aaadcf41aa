using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios;
using RouteShadow.Testing.Harn;

namespace RouteShadow.Testing.Tests.Harn;

public sealed class HarnShrinkerTests
{
    private static int Measure(Scenario s)
    {
        var q = s.Harn!.Question;
        var p = q.Policy;
        return (p.Chain.Count * 1000)
               + p.Chain.Count(l => l.TimeoutMs is not null) + p.Chain.Count(l => l.Label is not null)
               + (p.Budget is null ? 0 : 10) + (p.Latency == LatencyRules.None ? 0 : 10) + p.Failover.OnStatus.Count + p.Failover.OnErrorKinds.Count
               + q.Outcomes.Count(o => o.Error is not null) + q.Outcomes.Count + q.Pricing.Count;
    }

    [Fact]
    public void Shrink_EveryShrinkIsAValidScenarioFile()
    {
        for (ulong seed = 0; seed < 40; seed++)
        {
            foreach (var shrink in HarnShrinker.Shrink(HarnGen.Generate(seed, HarnGen.MaxSize)))
            {
                var again = ScenarioReader.Read(ScenarioWriter.ToUtf8(shrink));
                Assert.Equal(shrink.Harn, again.Harn);
                Assert.Null(shrink.Harn!.Expect);
                Assert.StartsWith("shrunk from ", shrink.Name, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Minimize_KeepingSomethingTrivial_EndsAtOneLinkWithNoSections()
    {
        var big = Enumerable.Range(0, 200).Select(i => HarnGen.Generate((ulong)i, HarnGen.MaxSize)).MaxBy(Measure)!;

        var minimal = HarnShrinker.Minimize(big, _ => true);

        var policy = minimal.Harn!.Question.Policy;
        Assert.Single(policy.Chain);
        Assert.Null(policy.Budget);
        Assert.Equal(LatencyRules.None, policy.Latency);
        Assert.Equal(FailoverRules.Defaults, policy.Failover);
        Assert.Empty(minimal.Harn.Question.Pricing);
        Assert.True(Measure(minimal) < Measure(big));
    }

    [Fact]
    public void Generate_SameSeedAndSize_SameScenario() =>
        Assert.Equal(ScenarioWriter.ToUtf8(HarnGen.Generate(42, 60)), ScenarioWriter.ToUtf8(HarnGen.Generate(42, 60)));
}
