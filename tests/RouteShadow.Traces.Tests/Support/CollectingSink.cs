using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Tests.Support;

/// <summary>Keeps every replay result, with the rendered comparison (the live question is only valid during the callback).</summary>
internal sealed class CollectingSink : IReplaySink
{
    public List<RequestResult> Results { get; } = [];

    public RequestResult this[string traceId] => Results.Single(r => r.Request.TraceId == traceId);

    public void Accept(RequestResult result) => Results.Add(result with { Question = null });
}
