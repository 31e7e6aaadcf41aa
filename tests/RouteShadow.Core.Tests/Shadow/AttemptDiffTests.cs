using System.Text.Encodings.Web;
using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.Tests.Fixtures;
using RouteShadow.Core.Tests.Support;

namespace RouteShadow.Core.Tests.Shadow;

/// <summary>The structured diff of two attempt lists.</summary>
public sealed class AttemptDiffTests
{
    [Fact]
    public void Between_SameUpstreamsInOtherOrder_DiffersFromFirstPositionWithNoOneSidedUpstreams() // S01
    {
        var report = SpecFixtures.Get("S01").Scenario.Expect!.Report;

        var diff = AttemptDiff.Between(report.LegacyAttempts, report.ExecutorAttempts);

        Assert.Equal(0, diff.FirstDivergence);
        Assert.Contains(new FieldDifference(0, "upstream_index", "0", "1"), diff.Fields);
        Assert.Contains(new FieldDifference(0, "upstream_base_url", "\"https://a/v1\"", "\"https://b/v1\""), diff.Fields);
        Assert.Contains(new FieldDifference(1, "avoid_for_station", "[0]", "[1]"), diff.Fields);
        Assert.DoesNotContain(diff.Fields, f => f.Field is "decision" or "station_name" or "avoided_total" or "total_upstreams" or "reason");
        Assert.Empty(diff.OnlyInLegacy);
        Assert.Empty(diff.OnlyInExecutor);
    }

    [Fact]
    public void Between_ExecutorTriesAnExtraUpstream_NamesIt() // S03
    {
        var report = SpecFixtures.Get("S03").Scenario.Expect!.Report;

        var diff = AttemptDiff.Between(report.LegacyAttempts, report.ExecutorAttempts);

        Assert.Equal(0, diff.FirstDivergence);
        Assert.Empty(diff.OnlyInLegacy);
        Assert.Equal(["alpha#0"], diff.OnlyInExecutor.Select(a => a.UpstreamRef));
    }

    [Fact]
    public void Between_EqualPrefixOfDifferentLength_DivergesWhereTheShorterEnds()
    {
        var report = SpecFixtures.Get("S02").Scenario.Expect!.Report;
        var prefix = report.LegacyAttempts.Take(2).ToList();

        var diff = AttemptDiff.Between(prefix, report.LegacyAttempts);

        Assert.Equal(2, diff.FirstDivergence);
        Assert.Empty(diff.Fields);
        Assert.Equal(["beta#1", "beta#0"], diff.OnlyInExecutor.Select(a => a.UpstreamRef));
    }

    [Fact]
    public void Between_EqualLists_IsNone()
    {
        var attempts = SpecFixtures.Get("S08").Scenario.Expect!.Report.LegacyAttempts;

        Assert.Same(AttemptDiff.None, AttemptDiff.Between(attempts, [.. attempts]));
    }

    [Fact]
    public void CheckResultJson_Mismatch_WritesDiffAndClasses()
    {
        var scenario = SpecFixtures.Get("S06").Scenario with { Expect = null };
        var result = new CheckResult(scenario, ShadowRunner.CodexHelper.Compare(ScenarioBuilder.Build(scenario, Some.Now)), []);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            CheckResultJson.Write(writer, result);
        }

        using var json = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        var root = json.RootElement;

        Assert.Equal(CheckVerdict.Mismatch, result.Verdict);
        Assert.True(result.IsFailure);
        Assert.Equal("mismatch", root.GetProperty("verdict").GetString());
        Assert.Equal(0, root.GetProperty("diff").GetProperty("first_divergence").GetInt32());
        Assert.Equal("cooldown_below_threshold", root.GetProperty("classes")[0].GetString());
        Assert.False(root.GetProperty("matches").GetBoolean());
    }

    [Theory]
    [InlineData("beta")]
    [InlineData("be\"ta\\")]
    [InlineData("b\u00e9ta\n")]
    [InlineData("<b&'+`>")]
    public void Between_DifferingText_QuotesItAsTheReportEncoderDoes(string station)
    {
        var legacy = Attempts.Selected("alpha", 0, "https://a/v1", null, "0", ["legacy", "alpha", "alpha#0"], [0], 0, 2);
        var executor = Attempts.Selected(station, 0, "https://a/v1", null, "0", ["legacy", station, "alpha#0"], [0], 0, 2);

        var diff = AttemptDiff.Between([legacy], [executor]);

        var quoted = "\"" + JsonEncodedText.Encode(station, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
        Assert.Contains(new FieldDifference(0, "station_name", "\"alpha\"", quoted), diff.Fields);
        Assert.Contains(new FieldDifference(0, "route_path", "[\"legacy\",\"alpha\",\"alpha#0\"]", $"[\"legacy\",{quoted},\"alpha#0\"]"), diff.Fields);
    }

    [Fact]
    public void Between_DifferingNumbers_RendersThemAsJson()
    {
        var legacy = Attempts.Selected("alpha", 0, "https://a/v1", null, "0", ["legacy", "alpha", "alpha#0"], [0, 12], 2, 3);
        var executor = Attempts.Selected("alpha", 0, "https://a/v1", null, "0", ["legacy", "alpha", "alpha#0"], [], 0, 3);

        var diff = AttemptDiff.Between([legacy], [executor]);

        Assert.Equal(
            [new FieldDifference(0, "avoid_for_station", "[0,12]", "[]"), new FieldDifference(0, "avoided_total", "2", "0")],
            diff.Fields);
    }
}
