namespace RouteShadow.Core.Scenarios.Reproduction;

/// <summary>How a reproduction upstream fails to give a well-formed answer.</summary>
public enum UpstreamFault
{
    /// <summary>No fault: the status, headers and body are sent as written.</summary>
    None,

    /// <summary><c>empty_response</c>: the connection closes without any response.</summary>
    EmptyResponse,

    /// <summary><c>malformed_response</c>: the headers and a body that breaks off mid-way, the connection closed under it.</summary>
    MalformedResponse,

    /// <summary><c>connection_reset</c>: the headers and the body go out without a length, then the connection is reset.</summary>
    ConnectionReset,

    /// <summary><c>no_answer</c>: the request is taken and never answered, until the client gives up on it.</summary>
    NoAnswer,
}

/// <summary>
/// One answer of a reproduction upstream: a status with headers and a body (or an SSE stream of
/// chunks), sent after a delay, or a fault.
/// </summary>
/// <param name="Sse">When set, the body is these chunks as <c>data:</c> events with <c>content-type: text/event-stream</c>.</param>
public sealed record UpstreamResponse(
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    long DelayMs,
    IReadOnlyList<string>? Sse,
    UpstreamFault Fault)
{
    /// <summary>The answer of an upstream without a <c>behavior</c>: 200 with an empty JSON object.</summary>
    public static UpstreamResponse Default { get; } = new(200, new Dictionary<string, string>(), "{}", 0, null, UpstreamFault.None);
}

/// <summary>Wire names of <see cref="UpstreamFault"/>.</summary>
public static class UpstreamFaultNames
{
    public static string WireName(this UpstreamFault fault) => fault switch
    {
        UpstreamFault.EmptyResponse => "empty_response",
        UpstreamFault.MalformedResponse => "malformed_response",
        UpstreamFault.ConnectionReset => "connection_reset",
        UpstreamFault.NoAnswer => "no_answer",
        _ => "none",
    };

    public static UpstreamFault? Parse(string name) => name switch
    {
        "none" => UpstreamFault.None,
        "empty_response" => UpstreamFault.EmptyResponse,
        "malformed_response" => UpstreamFault.MalformedResponse,
        "connection_reset" => UpstreamFault.ConnectionReset,
        "no_answer" => UpstreamFault.NoAnswer,
        _ => null,
    };
}
