using System.Text;
using RouteShadow.Core.Scenarios.Reproduction;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace RouteShadow.Upstreams.Servers;

/// <summary>
/// Turns an upstream's behavior into WireMock mappings: one per answer, chained by a WireMock
/// scenario so the n-th request gets the n-th answer and the last answer repeats.
/// </summary>
internal static class BehaviorMappings
{
    private const string ScenarioName = "behavior";

    public static void Apply(WireMockServer server, IReadOnlyList<UpstreamResponse> behavior)
    {
        if (behavior.Count == 1)
        {
            // WireMock only knows a scenario once a mapping moves it on; a single answer needs none.
            server.Given(Request.Create().UsingAnyMethod()).RespondWith(ResponseFor(behavior[0]));
            return;
        }

        for (var step = 0; step < behavior.Count; step++)
        {
            var mapping = server.Given(Request.Create().UsingAnyMethod()).InScenario(ScenarioName);
            if (step > 0)
            {
                mapping = mapping.WhenStateIs(State(step));
            }

            // The last answer sets its own state again: left without a next state, WireMock moves the
            // scenario back to its start and the script would begin anew instead of repeating it.
            mapping = mapping.WillSetStateTo(State(Math.Min(step + 1, behavior.Count - 1)));

            mapping.RespondWith(ResponseFor(behavior[step]));
        }
    }

    private static string State(int step) => $"answer-{step}";

    private static IResponseBuilder ResponseFor(UpstreamResponse answer)
    {
        var response = Response.Create().WithStatusCode(answer.Status);
        foreach (var (name, value) in answer.Headers)
        {
            response = response.WithHeader(name, value);
        }

        response = answer.Sse is { } chunks
            ? response.WithHeader("Content-Type", "text/event-stream").WithBody(SseBody(chunks))
            : response.WithBody(answer.Body);

        if (answer.Fault != UpstreamFault.None)
        {
            response = response.WithHeader(ConnectionFaults.MarkerHeader, answer.Fault.WireName());
        }

        return answer.DelayMs > 0 ? response.WithDelay(TimeSpan.FromMilliseconds(answer.DelayMs)) : response;
    }

    private static string SseBody(IReadOnlyList<string> chunks)
    {
        var body = new StringBuilder();
        foreach (var chunk in chunks)
        {
            body.Append("data: ").Append(chunk).Append("\n\n");
        }

        return body.ToString();
    }
}
