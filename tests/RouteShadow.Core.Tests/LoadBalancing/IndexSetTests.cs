using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.LoadBalancing;

/// <summary>
/// The avoid set and <c>station_upstreams_exhausted</c> (AS3).
/// Not applicable: AS1–AS2 need attempt_selection.rs's pre-executor <c>select_supported_upstream</c>
/// loop (its chain entries and provider-attempt bookkeeping), which Core does not implement; the
/// skip-then-select walk itself is covered by SH1 and S08–S10.
/// </summary>
public sealed class IndexSetTests
{
    [Theory] // AS3
    [InlineData(2, new[] { 0, 99 }, false)]
    [InlineData(2, new[] { 0, 1, 99 }, true)]
    [InlineData(3, new[] { 0, 2 }, false)]
    [InlineData(0, new[] { 0, 1 }, false)]
    public void Exhausts_IndicesPastTheEnd_DoNotCount(int upstreams, int[] avoided, bool expected)
    {
        Assert.Equal(expected, LoadBalancerOutcomes.Avoid(avoided).Exhausts(upstreams));
    }

    [Fact]
    public void Add_OutOfOrderAndRepeated_ReadsAscendingAndReportsNewness()
    {
        var set = new IndexSet();

        Assert.True(set.Add(5));
        Assert.True(set.Add(1));
        Assert.False(set.Add(5));
        Assert.True(set.Add(3));

        Assert.Equal([1, 3, 5], set.ToArray());
        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.CountBelow(5));
        Assert.True(set.Contains(3));
        Assert.False(set.Contains(2));
    }
}
