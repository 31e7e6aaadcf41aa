using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.World;

namespace RouteShadow.Testing.Tests.Support;

/// <summary>
/// How big a scenario is, compared lexicographically: stations, then upstreams, events, states,
/// recorded layouts, tags and map entries, the request, present state fields, non-fresh values,
/// non-default event parameters. Every shrink must make it smaller.
/// </summary>
internal readonly record struct ScenarioMeasure(int[] Parts) : IComparable<ScenarioMeasure>
{
    public static ScenarioMeasure Of(Scenario scenario)
    {
        var stations = scenario.Stations;
        var states = stations.Select(s => s.State).OfType<ScenarioState>().ToList();
        var layouts = states.Select(s => s.Layout).OfType<IReadOnlyList<Upstream>>().ToList();
        return new ScenarioMeasure(
        [
            stations.Count,
            stations.Sum(s => s.Station.Upstreams.Count),
            stations.Sum(s => s.Events.Count),
            states.Count,
            layouts.Sum(l => 1 + l.Count),
            stations.SelectMany(s => s.Station.Upstreams).Concat(layouts.SelectMany(l => l)).Sum(Entries),
            (scenario.Request.Model is null ? 0 : 1) + (scenario.Service == Scenario.DefaultService ? 0 : 1),
            states.Sum(PresentFields),
            states.Sum(NonFreshValues),
            stations.SelectMany(s => s.Events).Sum(NonDefaultParameters),
        ]);
    }

    public int CompareTo(ScenarioMeasure other)
    {
        for (var i = 0; i < Parts.Length; i++)
        {
            if (Parts[i] != other.Parts[i])
            {
                return Parts[i].CompareTo(other.Parts[i]);
            }
        }

        return 0;
    }

    public static bool operator <(ScenarioMeasure left, ScenarioMeasure right) => left.CompareTo(right) < 0;

    public static bool operator >(ScenarioMeasure left, ScenarioMeasure right) => left.CompareTo(right) > 0;

    public override string ToString() => string.Join(",", Parts);

    private static int Entries(Upstream u) => u.Tags.Count + u.SupportedModels.Count + u.ModelMapping.Count;

    private static int PresentFields(ScenarioState s) =>
        (s.FailureCounts is null ? 0 : 1) + (s.CooldownRemainingMs is null ? 0 : 1) + (s.UsageExhausted is null ? 0 : 1)
        + (s.PenaltyStreak is null ? 0 : 1) + (s.LastGoodIndex is null ? 0 : 1);

    /// <summary>A count past the threshold weighs more than one at it, so lowering it to the threshold counts.</summary>
    private static int NonFreshValues(ScenarioState s) =>
        (s.FailureCounts ?? []).Sum(c => c == 0 ? 0 : c > LoadBalancerConstants.FailureThreshold ? 2 : 1)
        + (s.CooldownRemainingMs ?? []).Count(ms => ms is not null)
        + (s.UsageExhausted ?? []).Count(flag => flag)
        + (s.PenaltyStreak ?? []).Count(streak => streak != 0);

    private static int NonDefaultParameters(ScenarioEvent e) => e switch
    {
        RecordEvent r => (r.Backoff == CooldownBackoff.None ? 0 : 1) + (r.CooldownSecs == LoadBalancerConstants.CooldownSecs ? 0 : 1),
        PenalizeEvent p => p.Backoff == CooldownBackoff.None ? 0 : 1,
        _ => 0,
    };
}
