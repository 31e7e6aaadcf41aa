using RouteShadow.Core.LoadBalancing;

namespace RouteShadow.Upstreams.Loop;

/// <summary>
/// Where two lifecycles of one scenario part, in the terms a user feels: the attempt chain, the
/// requests each upstream got, the client's answer, and the health state left behind.
/// </summary>
public static class LifecycleDiff
{
    /// <summary>One line per difference; empty when the lifecycles agree.</summary>
    public static IReadOnlyList<string> Between(Lifecycle a, Lifecycle b)
    {
        var differences = new List<string>();
        var chainA = Chain(a);
        var chainB = Chain(b);
        if (!chainA.SequenceEqual(chainB, StringComparer.Ordinal))
        {
            differences.Add($"attempts: {a.Engine} [{string.Join(", ", chainA)}] vs {b.Engine} [{string.Join(", ", chainB)}]");
        }

        foreach (var baseUrl in a.Received.Keys)
        {
            if (a.Received[baseUrl].Count != b.Received[baseUrl].Count)
            {
                differences.Add($"requests to {baseUrl}: {a.Engine} {a.Received[baseUrl].Count} vs {b.Engine} {b.Received[baseUrl].Count}");
            }
        }

        if (a.Response != b.Response)
        {
            differences.Add($"response: {a.Engine} {a.Response.Status} vs {b.Engine} {b.Response.Status}");
        }

        if (a.NominalWaitMs != b.NominalWaitMs)
        {
            differences.Add($"waits: {a.Engine} {a.NominalWaitMs} ms vs {b.Engine} {b.NominalWaitMs} ms");
        }

        foreach (var station in a.StateAfter.StationNames.Union(b.StateAfter.StationNames).Order(StringComparer.Ordinal))
        {
            var stateA = Describe(a.StateAfter, station);
            var stateB = Describe(b.StateAfter, station);
            if (stateA != stateB)
            {
                differences.Add($"state of {station}: {a.Engine} {stateA} vs {b.Engine} {stateB}");
            }
        }

        return differences;
    }

    /// <summary>An attempt as one token: <c>station#i:status-or-fault→outcome</c>.</summary>
    public static string Describe(AttemptRecord attempt) =>
        $"{attempt.UpstreamRef}:{attempt.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? attempt.Fault}→{attempt.Outcome.WireName()}";

    /// <summary>A station's state as one comparable line: failure counts, which upstreams cool down, streaks, last good.</summary>
    public static string Describe(LbStateMap states, string station)
    {
        if (!states.TryGet(station, out var state))
        {
            return "fresh";
        }

        var cooling = state.CooldownUntil.Select((until, i) => (until, i)).Where(c => c.until is not null).Select(c => c.i);
        return $"failures [{string.Join(",", state.FailureCounts)}] cooling [{string.Join(",", cooling)}] "
               + $"streak [{string.Join(",", state.PenaltyStreak)}] last_good {state.LastGoodIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
    }

    private static string[] Chain(Lifecycle lifecycle) => [.. lifecycle.Attempts.Select(Describe)];
}
