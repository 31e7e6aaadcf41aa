using System.Text;

namespace RouteShadow.Cli.Output;

/// <summary>A table cell; a highlighted one is marked with <c>*</c> (and painted, on a terminal).</summary>
internal readonly record struct Cell(string Text, bool Highlight = false)
{
    public static implicit operator Cell(string text) => new(text);

    /// <summary>The text as laid out: marks survive without colour, in files and snapshots.</summary>
    public string Shown => Highlight ? Text + "*" : Text;
}

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
