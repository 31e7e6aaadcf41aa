namespace RouteShadow.Core.Scenarios;

/// <summary>
/// A scenario that cannot be read: malformed JSON or a value the format does not allow. Names
/// the JSON path and, when known, the 1-based line.
/// </summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string jsonPath, string reason, long? line = null, Exception? inner = null)
        : base(line is null ? $"{jsonPath}: {reason}" : $"line {line}: {jsonPath}: {reason}", inner)
    {
        JsonPath = jsonPath;
        Reason = reason;
        Line = line;
    }

    public string JsonPath { get; }

    public string Reason { get; }

    /// <summary>The 1-based line of the offending value in the text that was read, when known.</summary>
    public long? Line { get; }

    /// <summary>Which occurrence of <see cref="JsonPath"/> is at fault: 2 for a repeated key, whose path is its first's too.</summary>
    internal int Occurrence { get; init; } = 1;

    public ScenarioFormatException AtLine(long? line) => new(JsonPath, Reason, line, this);
}
