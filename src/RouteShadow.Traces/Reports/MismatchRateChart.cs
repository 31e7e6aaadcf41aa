using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace RouteShadow.Traces.Reports;

/// <summary>The mismatch rate per time bucket as an inline SVG bar chart, with a tooltip per bar.</summary>
internal static class MismatchRateChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 48;
    private const int Bottom = 28;
    private const int Top = 12;

    public static string Svg(IReadOnlyList<RateBucket> buckets)
    {
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var maxRate = Math.Max(0.01, buckets.Max(b => b.Rate));
        var axisMax = Math.Ceiling(maxRate * 20) / 20; // round up to 5 %
        var barWidth = (double)plotWidth / Math.Max(1, buckets.Count);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Mismatch rate over time\">");
        for (var step = 0; step <= 4; step++)
        {
            var rate = axisMax * step / 4;
            var y = Top + plotHeight - (rate / axisMax * plotHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - 8}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/>")
               .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{rate * 100:0.#}%</text>");
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            var height = bucket.Rate / axisMax * plotHeight;
            var x = Left + (i * barWidth);
            var tip = HtmlEncoder.Default.Encode(
                $"{Formats.Minute(bucket.StartMs)} UTC: {bucket.Mismatches} of {bucket.Replayed} ({Formats.Percent(bucket.Mismatches, bucket.Replayed)})");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x + 1:0.##}\" y=\"{Top + plotHeight - height:0.##}\" width=\"{Math.Max(1, barWidth - 2):0.##}\" height=\"{height:0.##}\" fill=\"#c0392b\"><title>{tip}</title></rect>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 8}\" y2=\"{Top + plotHeight}\" stroke=\"#999\"/>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\">{Formats.Minute(buckets[0].StartMs)} UTC</text>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 8}\" y=\"{Height - 8}\" text-anchor=\"end\">{Formats.Minute(buckets[^1].StartMs)} UTC</text>")
           .Append("</svg>");
        return svg.ToString();
    }
}
