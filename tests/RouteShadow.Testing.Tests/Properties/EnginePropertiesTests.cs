using System.Text;
using FsCheck.Fluent;
using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Properties;
using RouteShadow.Testing.Tests.Support;

namespace RouteShadow.Testing.Tests.Properties;

/// <summary>Both engines are pure functions of the question: they never write to it, and plan the same way every time.</summary>
public sealed class EnginePropertiesTests
{
    public static TheoryData<string> Engines => [LegacyEngineName, ExecutorEngineName];

    private const string LegacyEngineName = "legacy";
    private const string ExecutorEngineName = "executor";

    [Theory]
    [MemberData(nameof(Engines))]
    public void Plan_LeavesTheStatesAsTheyWere(string engine)
    {
        PropertyRuns.Check(Prop.ForAll(FreeFormScenarios.Scenarios, scenario =>
        {
            var question = ScenarioBuilder.Build(scenario, ScenarioShadow.NowMs);
            var before = Dump(question.States);
            Engine(engine).Plan(question);
            return Dump(question.States) == before;
        }), seed: 41);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Plan_SameQuestion_SameAttempts(string engine)
    {
        PropertyRuns.Check(Prop.ForAll(FreeFormScenarios.Scenarios, scenario =>
        {
            var question = ScenarioBuilder.Build(scenario, ScenarioShadow.NowMs);
            var rebuilt = ScenarioBuilder.Build(scenario, ScenarioShadow.NowMs);
            var first = Engine(engine).Plan(question);
            return first.SequenceEqual(Engine(engine).Plan(question)) && first.SequenceEqual(Engine(engine).Plan(rebuilt));
        }), seed: 42);
    }

    private static IRoutingEngine Engine(string name) =>
        name == LegacyEngineName ? ShadowRunner.CodexHelper.Legacy : ShadowRunner.CodexHelper.Executor;

    /// <summary>Every field of every station's state, as text.</summary>
    private static string Dump(LbStateMap states)
    {
        var text = new StringBuilder();
        foreach (var name in states.StationNames.Order(StringComparer.Ordinal))
        {
            states.TryGet(name, out var s);
            text.AppendJoin(',', s.FailureCounts).Append('|').AppendJoin(',', s.CooldownUntil).Append('|')
                .AppendJoin(',', s.UsageExhausted).Append('|').AppendJoin(',', s.PenaltyStreak).Append('|')
                .Append(s.LastGoodIndex).Append('|').AppendJoin(',', s.UpstreamSignature).Append('\n');
        }

        return text.ToString();
    }
}
