using System.Text;

namespace RouteShadow.Cli.Output;

/// <summary>Rows of cells laid out in left-aligned columns two spaces apart, without trailing blanks.</summary>
internal sealed class TextGrid
{
    private readonly List<Cell[]> _rows = [];

    public void Add(params Cell[] row) => _rows.Add(row);

    public void WriteTo(StringBuilder text, string indent, Palette palette = default)
    {
        var widths = new int[_rows.Max(row => row.Length)];
        foreach (var row in _rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Shown.Length);
            }
        }

        foreach (var row in _rows)
        {
            text.Append(indent);
            var last = Array.FindLastIndex(row, cell => cell.Text.Length > 0);
            for (var c = 0; c <= last; c++)
            {
                var shown = row[c].Shown;
                text.Append(row[c].Highlight ? palette.Difference(shown) : shown);
                if (c < last)
                {
                    text.Append(' ', widths[c] - shown.Length + 2);
                }
            }

            text.Append('\n');
        }
    }
}
