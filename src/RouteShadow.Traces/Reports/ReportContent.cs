using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Reports;

/// <summary>What the report says: the summary, the fidelity check, classes, rate over time, top signatures, problems.</summary>
internal static class ReportContent
{
    /// <summary>How many signatures get their attempt tables.</summary>
    public const int TopSignatures = 5;

    private const int MaxTimeRows = 24;
    private const int ShownMalformed = 10;

    public static ReportDocument Build(ReplayStatistics stats, MalformedLines malformed, IReadOnlyList<string> inputs)
    {
        var doc = new ReportDocument().Heading(1, "RouteShadow replay");
        doc.Paragraph("Inputs: " + string.Join(", ", inputs.Select(i => $"`{i}`")) + ".");
        Summary(doc, stats, malformed);
        Fidelity(doc, stats);
        Classes(doc, stats);
        RateOverTime(doc, stats);
        Signatures(doc, stats);
        Problems(doc, stats);
        Malformed(doc, malformed);
        return doc;
    }

    /// <summary>Per-minute counts merged into at most <paramref name="maxBuckets"/> buckets of a round width.</summary>
    public static IReadOnlyList<RateBucket> Buckets(ReplayStatistics stats, int maxBuckets)
    {
        if (stats.Minutes.Count == 0)
        {
            return [];
        }

        long[] widths = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 10080, 43200];
        var first = stats.Minutes.Keys.First();
        var span = (stats.Minutes.Keys.Last() - first) / 60_000 + 1;
        var width = widths.FirstOrDefault(w => (span + w - 1) / w <= maxBuckets, widths[^1]) * 60_000;
        return [.. stats.Minutes
            .GroupBy(m => first + (m.Key - first) / width * width)
            .Select(g => new RateBucket(g.Key, g.Sum(m => m.Value.Replayed), g.Sum(m => m.Value.Mismatches)))];
    }

    private static void Summary(ReportDocument doc, ReplayStatistics stats, MalformedLines malformed)
    {
        doc.Heading(2, "Summary").Table(["", "requests"],
        [
            ["request lines read", Formats.Count(stats.Requests)],
            ["malformed lines (skipped)", Formats.Count(malformed.Count)],
            ["replayed", Formats.Count(stats.Replayed)],
            ["unrebuildable (reported, not guessed)", Formats.Count(stats.Unrebuildable)],
            ["mismatches", $"{Formats.Count(stats.Mismatches)} ({Formats.Percent(stats.Mismatches, stats.Replayed)} of replayed)"],
            ["… on a rebuilt state no engine matched to production", Formats.Count(stats.UnsureMismatches)],
            ["engine errors", Formats.Count(stats.EngineErrors)],
            ["station plans taken from the config (no trace event)", Formats.Count(stats.PlansFromConfig)],
        ]);
    }

    private static void Fidelity(ReportDocument doc, ReplayStatistics stats)
    {
        var checkedCount = stats.Replayed - stats.EngineErrors;
        doc.Heading(2, "Fidelity: which engine explains production")
            .Paragraph("An engine explains a request when what production attempted is the start of the engine's attempt list. "
                       + "When neither does, the rebuilt state is unsure for that request.")
            .Table(["engine", "explains production", "share of replayed"],
            [
                ["legacy load balancer", Formats.Count(stats.LegacyExplains), Formats.Percent(stats.LegacyExplains, checkedCount)],
                ["route-plan executor", Formats.Count(stats.ExecutorExplains), Formats.Percent(stats.ExecutorExplains, checkedCount)],
                ["neither (state unsure)", Formats.Count(stats.NeitherExplains), Formats.Percent(stats.NeitherExplains, checkedCount)],
            ]);
        if (stats.ProductionShadowAgrees + stats.ProductionShadowDiffers > 0)
        {
            doc.Paragraph($"Production's own shadow diff agreed with this replay on {Formats.Count(stats.ProductionShadowAgrees)} requests "
                          + $"and differed on {Formats.Count(stats.ProductionShadowDiffers)}.");
        }
    }

    private static void Classes(ReportDocument doc, ReplayStatistics stats)
    {
        doc.Heading(2, "Divergence classes");
        if (stats.Classes.Count == 0)
        {
            doc.Paragraph("No mismatch.");
            return;
        }

        doc.Table(["class", "mismatches", "first seen", "last seen", "examples"],
            stats.Classes.Select(c => (IReadOnlyList<Cell>)
            [
                new Cell(c.Key.WireName(), Code: true), Formats.Count(c.Value.Count), Formats.Time(c.Value.FirstSeenMs),
                Formats.Time(c.Value.LastSeenMs), string.Join(", ", c.Value.Examples),
            ]));
    }

    private static void RateOverTime(ReportDocument doc, ReplayStatistics stats)
    {
        doc.Heading(2, "Mismatch rate over time");
        var buckets = Buckets(stats, MaxTimeRows);
        if (buckets.Count == 0)
        {
            doc.Paragraph("Nothing was replayed.");
            return;
        }

        doc.Chart(Buckets(stats, 48)).Table(["from (UTC)", "replayed", "mismatches", "rate"], buckets.Select(b => (IReadOnlyList<Cell>)
        [
            Formats.Minute(b.StartMs), Formats.Count(b.Replayed), Formats.Count(b.Mismatches), Formats.Percent(b.Mismatches, b.Replayed),
        ]));
    }

    private static void Signatures(ReportDocument doc, ReplayStatistics stats)
    {
        doc.Heading(2, "Top signatures");
        var rank = 0;
        foreach (var signature in stats.Signatures.Take(TopSignatures))
        {
            var example = signature.Example;
            doc.Heading(3, $"{++rank}. {Formats.Count(signature.Tally.Count)} × `{signature.Signature}`")
                .Paragraph($"First seen {Formats.Time(signature.Tally.FirstSeenMs)} on `{signature.ExampleRequest}`; "
                           + $"{Formats.Count(signature.Confirmed)} of them on a state an engine matched to production"
                           + (signature.Fixture is { } fixture ? $"; reproduced by `{fixture}`." : "."))
                .Table(["#", "legacy", "executor"], AttemptRows(example));
        }

        if (rank == 0)
        {
            doc.Paragraph("No mismatch.");
        }
    }

    /// <summary>The two attempt lists side by side; a position where they differ is emphasised.</summary>
    private static IEnumerable<IReadOnlyList<Cell>> AttemptRows(ShadowComparison comparison)
    {
        var (legacy, executor) = (comparison.Report.LegacyAttempts, comparison.Report.ExecutorAttempts);
        for (var i = 0; i < Math.Max(legacy.Count, executor.Count); i++)
        {
            var differs = comparison.Diff.Fields.Any(f => f.Position == i) || i >= legacy.Count || i >= executor.Count;
            yield return [i.ToString(CultureInfo.InvariantCulture), Attempt(legacy, i, differs), Attempt(executor, i, differs)];
        }
    }

    private static Cell Attempt(IReadOnlyList<ShadowAttempt> attempts, int i, bool differs) =>
        i < attempts.Count
            ? new Cell($"{Formats.Attempt(attempts[i])} avoid=[{string.Join(",", attempts[i].AvoidForStation)}] total={attempts[i].AvoidedTotal}", Code: true, Emphasis: differs)
            : new Cell("—", Emphasis: differs);

    private static void Problems(ReportDocument doc, ReplayStatistics stats)
    {
        doc.Heading(2, "Unrebuildable requests");
        if (stats.Problems.Count == 0)
        {
            doc.Paragraph("Every request's state was rebuilt.");
            return;
        }

        doc.Table(["problem", "requests", "examples"], stats.Problems.Select(p => (IReadOnlyList<Cell>)
        [
            new Cell(p.Key.WireName(), Code: true), Formats.Count(p.Value.Count), string.Join("; ", stats.ProblemDetails[p.Key]),
        ]));
    }

    /// <summary>The malformed-lines section, shared with the triage report.</summary>
    internal static void Malformed(ReportDocument doc, MalformedLines malformed)
    {
        doc.Heading(2, "Malformed lines");
        if (malformed.Count == 0)
        {
            doc.Paragraph("None.");
            return;
        }

        doc.Table(["problem", "lines"], Enum.GetValues<LineProblem>().Where(p => malformed.CountOf(p) > 0)
            .Select(p => (IReadOnlyList<Cell>)[new Cell(p.ToString(), Code: true), Formats.Count(malformed.CountOf(p))]));
        doc.Table(["where", "why"], malformed.Examples.Take(ShownMalformed)
            .Select(m => (IReadOnlyList<Cell>)[new Cell($"{Path.GetFileName(m.File)}:{m.Line}", Code: true), m.Detail]));
    }
}
