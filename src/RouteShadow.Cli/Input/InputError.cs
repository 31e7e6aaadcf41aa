using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Input;

/// <summary>A scenario that could not be read, located by file, line and JSON path.</summary>
internal sealed record InputError(string Source, long Line, string JsonPath, string Reason)
{
    /// <summary>Places a reader's error, whose line counts within the document, in the input it came from.</summary>
    public static InputError At(ScenarioInput input, ScenarioFormatException error) =>
        new(input.Source, input.Line + (error.Line ?? 1) - 1, error.JsonPath, error.Reason);

    /// <summary>The problem without its location: <c>$.path: reason</c>.</summary>
    public string Problem => $"{JsonPath}: {Reason}";

    /// <summary>Like a compiler's diagnostic: <c>file:line: $.path: reason</c>.</summary>
    public override string ToString() => $"{Source}:{Line}: {Problem}";
}
