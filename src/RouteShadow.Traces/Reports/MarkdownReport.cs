using System.Text;

namespace RouteShadow.Traces.Reports;

/// <summary>Renders the report as GitHub-flavoured Markdown (<c>report.md</c>); the chart becomes its table.</summary>
internal static class MarkdownReport
{
    public static string Render(ReportDocument document)
    {
        var md = new StringBuilder();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    md.Append('#', heading.Level).Append(' ').AppendLine(heading.Text).AppendLine();
                    break;
                case ParagraphBlock paragraph:
                    md.AppendLine(paragraph.Text).AppendLine();
                    break;
                case TableBlock table:
                    Table(md, table);
                    break;
                case ChartBlock:
                    break; // The same buckets follow as a table; Markdown has no charts.
            }
        }

        return md.ToString().TrimEnd() + "\n";
    }

    private static void Table(StringBuilder md, TableBlock table)
    {
        md.Append("| ").AppendJoin(" | ", table.Headers).AppendLine(" |");
        md.Append('|').AppendJoin("|", table.Headers.Select(_ => "---")).AppendLine("|");
        foreach (var row in table.Rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }

        md.AppendLine();
    }

    private static string Cell(Cell cell)
    {
        var text = cell.Text.Replace("|", "\\|", StringComparison.Ordinal);
        text = cell.Code ? $"`{text}`" : text;
        return cell.Emphasis ? $"**{text}**" : text;
    }
}
