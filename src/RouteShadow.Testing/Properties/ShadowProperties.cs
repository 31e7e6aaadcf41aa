using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Testing.Properties;

/// <summary>Properties of codex-helper's two engines, for use in FsCheck <c>[Property]</c> tests.</summary>
public static class ShadowProperties
{
    /// <summary>
    /// Every known divergence class (engines spec §8: D1, D2, D3, D4, D6, D10) — everything but
    /// <see cref="DivergenceClass.Unclassified"/>.
    /// </summary>
    public static IReadOnlyList<DivergenceClass> KnownDivergences { get; } =
        [.. Enum.GetValues<DivergenceClass>().Where(c => c != DivergenceClass.Unclassified)];

    /// <summary>
    /// Both engines produce the same attempts for <paramref name="scenario"/> — or they differ
    /// only in ways <paramref name="excluding"/> fully explains: a mismatch whose every class is
    /// excluded counts as parity. An unclassified mismatch or an engine error always fails. A
    /// failure is labelled with the classes, where the attempt lists part, and the scenario file with
    /// an <c>expect</c> block pinning what the engines did.
    /// </summary>
    public static Property Parity(Scenario scenario, params IEnumerable<DivergenceClass> excluding)
    {
        var comparison = ScenarioShadow.Compare(scenario);
        var excluded = excluding.ToHashSet();
        var holds = comparison.Verdict switch
        {
            ShadowVerdict.Match => true,
            ShadowVerdict.Mismatch => comparison.Classes.All(c => c != DivergenceClass.Unclassified && excluded.Contains(c)),
            _ => false,
        };
        return holds ? Prop.ToProperty(true) : Prop.Label(false, Describe(scenario, comparison));
    }

    private static string Describe(Scenario scenario, ShadowComparison comparison)
    {
        var text = new StringBuilder();
        if (comparison.Verdict == ShadowVerdict.EngineError)
        {
            text.Append("engine error: ").AppendLine(comparison.Error);
        }
        else
        {
            text.Append("engines disagree; classes: ")
                .AppendJoin(", ", comparison.Classes.Select(c => c.WireName()))
                .AppendLine();
            if (comparison.Diff.FirstDivergence is { } at)
            {
                text.Append("attempt lists differ from index ").Append(at).AppendLine();
            }
        }

        var expected = scenario with { Expect = new ScenarioExpectation(comparison.Report, comparison.Classes) };
        return text.Append(Encoding.UTF8.GetString(ScenarioWriter.ToUtf8(expected))).ToString();
    }
}
