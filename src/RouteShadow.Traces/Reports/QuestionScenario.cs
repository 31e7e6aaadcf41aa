using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// Turns a rebuilt routing question into a scenario file, and shrinks it: stations are dropped
/// and state values reset one at a time, each change kept only if the engines still disagree with
/// the same divergence classes. Upstream lists are kept whole (dropping one would renumber the rest).
/// </summary>
internal static class QuestionScenario
{
    public static Scenario From(RoutingQuestion question, string name)
    {
        var stations = question.Stations.Select(station =>
        {
            ScenarioState? state = null;
            if (question.States.TryGet(station.Name, out var stored))
            {
                var laidOut = LbState.ReadLaidOut(stored, station.Signature);
                state = new ScenarioState(
                    [.. laidOut.FailureCounts],
                    [.. laidOut.CooldownUntil.Select(until => until - question.NowMs)],
                    [.. laidOut.UsageExhausted],
                    [.. laidOut.PenaltyStreak],
                    laidOut.LastGoodIndex,
                    null);
            }

            return new ScenarioStation(station, state, []);
        }).ToList();
        return new Scenario(name, question.Service, new ScenarioRequest(question.Model), stations);
    }

    /// <summary>The smallest scenario found that still reproduces <paramref name="classes"/>, with its expect block.</summary>
    public static Scenario Minimal(Scenario scenario, IReadOnlyList<DivergenceClass> classes, ShadowRunner runner)
    {
        const long now = 1_000_000_000;
        bool Reproduces(Scenario candidate, out ShadowComparison comparison)
        {
            comparison = runner.Compare(ScenarioBuilder.Build(candidate, now));
            return comparison.Verdict == ShadowVerdict.Mismatch && comparison.Classes.SequenceEqual(classes);
        }

        if (!Reproduces(scenario, out var best))
        {
            // Not reached for a question that mismatched, but never export a fixture that does not reproduce.
            throw new InvalidOperationException("the exported scenario does not reproduce its mismatch");
        }

        foreach (var shrink in Shrinks(scenario))
        {
            var candidate = shrink(scenario);
            if (Reproduces(candidate, out var comparison))
            {
                (scenario, best) = (candidate, comparison);
            }
        }

        return scenario with { Expect = new ScenarioExpectation(best.Report, classes) };
    }

    /// <summary>Single-step simplifications, each applied to the scenario as it stands when its turn comes.</summary>
    private static IEnumerable<Func<Scenario, Scenario>> Shrinks(Scenario original)
    {
        for (var s = original.Stations.Count - 1; s >= 0; s--)
        {
            var name = original.Stations[s].Station.Name;
            yield return sc => sc with { Stations = [.. sc.Stations.Where(st => st.Station.Name != name)] };
        }

        foreach (var station in original.Stations)
        {
            var name = station.Station.Name;
            yield return sc => EditState(sc, name, st => st with { LastGoodIndex = null });
            for (var i = 0; i < station.Station.Upstreams.Count; i++)
            {
                var at = i;
                yield return sc => EditState(sc, name, st => st with { FailureCounts = Set(st.FailureCounts, at, 0u) });
                yield return sc => EditState(sc, name, st => st with { CooldownRemainingMs = Set(st.CooldownRemainingMs, at, (long?)null) });
                yield return sc => EditState(sc, name, st => st with { UsageExhausted = Set(st.UsageExhausted, at, false) });
                yield return sc => EditState(sc, name, st => st with { PenaltyStreak = Set(st.PenaltyStreak, at, 0u) });
            }
        }
    }

    private static Scenario EditState(Scenario scenario, string station, Func<ScenarioState, ScenarioState> edit) => scenario with
    {
        Stations = [.. scenario.Stations.Select(s => s.Station.Name == station && s.State is { } state ? s with { State = edit(state) } : s)],
    };

    private static T[]? Set<T>(T[]? values, int index, T value)
    {
        if (values is null || index >= values.Length)
        {
            return values;
        }

        var copy = (T[])values.Clone();
        copy[index] = value;
        return copy;
    }
}
