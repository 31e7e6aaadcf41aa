using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace RouteShadow.Traces.Reports;

/// <summary>
/// Renders the report as one self-contained HTML page (<c>report.html</c>): inline styles and an
/// inline SVG chart of the mismatch rate over time; nothing is fetched.
/// </summary>
internal static partial class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}td.n{text-align:right}code{font-size:90%}.d{background:#fde2e2}
        svg text{font-size:11px;fill:#555}
        """;

    public static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine("<title>RouteShadow replay</title>").Append("<style>").Append(Style).AppendLine("</style></head><body>");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    html.Append(CultureInfo.InvariantCulture, $"<h{heading.Level}>{Inline(heading.Text)}</h{heading.Level}>").AppendLine();
                    break;
                case ParagraphBlock paragraph:
                    html.Append("<p>").Append(Inline(paragraph.Text)).AppendLine("</p>");
                    break;
                case TableBlock table:
                    Table(html, table);
                    break;
                case ChartBlock chart:
                    html.AppendLine(MismatchRateChart.Svg(chart.Buckets));
                    break;
            }
        }

        return html.AppendLine("</body></html>").ToString();
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        html.Append("<table><thead><tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i];
                var classes = (cell.Emphasis ? "d " : "") + (i > 0 && IsNumber(cell.Text) ? "n" : "");
                html.Append(classes.Length > 0 ? $"<td class=\"{classes.Trim()}\">" : "<td>")
                    .Append(cell.Code ? $"<code>{Encode(cell.Text)}</code>" : Encode(cell.Text))
                    .Append("</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</tbody></table>");
    }

    /// <summary>Encodes text and turns <c>`code`</c> spans into code elements.</summary>
    private static string Inline(string text) => CodeSpan().Replace(Encode(text), "<code>$1</code>");

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static bool IsNumber(string text) => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text == "–") && !text.Contains(':', StringComparison.Ordinal);

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex CodeSpan();
}
