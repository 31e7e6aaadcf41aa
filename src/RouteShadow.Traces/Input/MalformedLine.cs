namespace RouteShadow.Traces.Input;

/// <summary>Why a line could not be used. Each kind is counted separately in the summary.</summary>
public enum LineProblem
{
    /// <summary>The bytes are not valid UTF-8.</summary>
    BadUtf8,

    /// <summary>The line is not valid JSON.</summary>
    BadJson,

    /// <summary>The JSON ends early: the line was cut (typically the last line of a file being written).</summary>
    Truncated,

    /// <summary>The line is longer than the reader's limit; it is skipped without being held in memory.</summary>
    TooLong,

    /// <summary>Valid JSON whose fields do not have the types or presence the format requires.</summary>
    WrongShape,
}

/// <summary>
/// A line that was skipped, with where it is and why. It never carries the line's content: a
/// malformed line may hold anything, secrets included.
/// </summary>
public sealed record MalformedLine(string File, long Line, LineProblem Problem, string Detail)
{
    public override string ToString() => $"{File}:{Line}: {Detail}";
}
