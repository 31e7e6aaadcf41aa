using System.Text;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>The fuzzers' findings table: a header and one row per class, columns padded to their widest cell.</summary>
internal static class FuzzTable
{
    /// <param name="numeric">The columns holding numbers, which are right-aligned.</param>
    public static void Append(StringBuilder text, string[] header, IReadOnlyList<string[]> rows, params int[] numeric)
    {
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        text.Append('\n');
        foreach (var row in rows.Prepend(header))
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = numeric.Contains(c) ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]);
                text.Append(c == 0 ? "" : "  ").Append(c == row.Length - 1 ? cell.TrimEnd() : cell);
            }

            text.Append('\n');
        }
    }
}
