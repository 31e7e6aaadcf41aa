using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// Re-runs one production mismatch through the C# engines: rebuilds its stations (from the config
/// when it fits, else from the attempt lists), searches for a state that reproduces both lists,
/// and classifies the reproduction by counterfactual (<see cref="ShadowRunner.Compare"/>).
/// </summary>
public sealed class MismatchReproducer(ShadowRunner runner, ProxyConfig? config)
{
    public Reproduction Reproduce(MismatchEvent mismatch)
    {
        var (stations, source) = RebuiltStations.For(mismatch, config?.For(mismatch.Service));
        var production = new ShadowReport(mismatch.LegacyAttempts, mismatch.ExecutorAttempts);
        var found = StateSearch.Find(mismatch, stations, runner);
        if (found.Found is not { } scenario)
        {
            return new Reproduction(
                TriageVerdict.ModelGap, [], found.Closest with { Expect = new ScenarioExpectation(production) }, $"stations from the {source}; {found.Note}");
        }

        var comparison = runner.Compare(ScenarioBuilder.Build(scenario, StateSearch.NowMs));
        return new Reproduction(
            TriageVerdict.Reproduced,
            comparison.Classes,
            scenario with { Expect = new ScenarioExpectation(production, comparison.Classes) },
            $"stations from the {source}; {found.Note}");
    }
}
