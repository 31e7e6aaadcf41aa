using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Output;

/// <summary>ANSI colours for a terminal, or the same text untouched.</summary>
internal readonly record struct Palette(bool Color)
{
    public string Difference(string text) => Paint(text, "1;31");

    public string Verdict(CheckVerdict verdict) => Paint(CheckResultJson.WireName(verdict), verdict switch
    {
        CheckVerdict.Match => "1;32",
        CheckVerdict.ExpectedMismatch => "1;33",
        _ => "1;31",
    });

    public string Error(string text) => Paint(text, "1;31");

    private string Paint(string text, string sgr) => Color ? $"\e[{sgr}m{text}\e[0m" : text;
}
