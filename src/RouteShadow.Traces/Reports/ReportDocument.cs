namespace RouteShadow.Traces.Reports;

/// <summary>
/// The replay report as a renderer-neutral document — headings, paragraphs, tables and the
/// mismatch-rate chart — so <c>report.md</c> and <c>report.html</c> say exactly the same thing.
/// </summary>
internal sealed class ReportDocument
{
    public List<Block> Blocks { get; } = [];

    public ReportDocument Heading(int level, string text) => Add(new HeadingBlock(level, text));

    public ReportDocument Paragraph(string text) => Add(new ParagraphBlock(text));

    public ReportDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows) =>
        Add(new TableBlock(headers, [.. rows]));

    public ReportDocument Chart(IReadOnlyList<RateBucket> buckets) => Add(new ChartBlock(buckets));

    private ReportDocument Add(Block block)
    {
        Blocks.Add(block);
        return this;
    }
}

internal abstract record Block;

internal sealed record HeadingBlock(int Level, string Text) : Block;

/// <summary>Plain text; <c>`code`</c> spans are the only markup.</summary>
internal sealed record ParagraphBlock(string Text) : Block;

internal sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<Cell>> Rows) : Block;

/// <summary>One bucket of the mismatch-rate chart.</summary>
internal sealed record RateBucket(long StartMs, long Replayed, long Mismatches)
{
    public double Rate => Replayed == 0 ? 0 : (double)Mismatches / Replayed;
}

internal sealed record ChartBlock(IReadOnlyList<RateBucket> Buckets) : Block;

/// <summary>A table cell: text, shown as code or emphasised (a field where the engines differ).</summary>
internal sealed record Cell(string Text, bool Code = false, bool Emphasis = false)
{
    public static implicit operator Cell(string text) => new(text);
}
