namespace RouteShadow.Cli.Output;

/// <summary>A table cell; a highlighted one is marked with <c>*</c> (and painted, on a terminal).</summary>
internal readonly record struct Cell(string Text, bool Highlight = false)
{
    public static implicit operator Cell(string text) => new(text);

    /// <summary>The text as laid out: marks survive without colour, in files and snapshots.</summary>
    public string Shown => Highlight ? Text + "*" : Text;
}
