namespace RouteShadow.Core.Engines.Executor;

/// <summary>
/// The executor side of codex-helper's shadow: the stations compiled into a legacy route-plan
/// template, runtime health bridged from a copy of the load-balancer states, and a station-by-station
/// walk that avoids each selected upstream before asking again.
/// </summary>
public sealed class ExecutorEngine : IRoutingEngine
{
    public const string EngineName = "executor";

    public string Name => EngineName;

    public IReadOnlyList<ShadowAttempt> Plan(RoutingQuestion question)
    {
        var template = RoutePlanTemplate.CompileLegacy(question.Service, question.Stations);
        var runtime = RuntimeBridge.FromLoadBalancers(question.Service, question.Stations, question.States, question.NowMs);
        var executor = new RoutePlanExecutor(template, runtime, question.NowMs);
        var state = new RoutePlanAttemptState();
        var attempts = new List<ShadowAttempt>(template.Candidates.Count);

        for (var stationIndex = 0; stationIndex < question.Stations.Count; stationIndex++)
        {
            var station = question.Stations[stationIndex];
            while (!state.StationExhausted(station.Name, station.Upstreams.Count))
            {
                var selection = executor.SelectStationCandidate(state, station.Name, question.Model);
                for (var skipIndex = 0; skipIndex < selection.Skipped.Count; skipIndex++)
                {
                    var skip = selection.Skipped[skipIndex];
                    attempts.Add(Attempt(
                        AttemptDecision.SkippedCapabilityMismatch, skip.Upstream, skip.Avoided, skip.AvoidedTotal, skip.TotalUpstreams, skip.Reason.Code));
                }

                if (selection.Selected is not { } selected)
                {
                    break;
                }

                attempts.Add(Attempt(
                    AttemptDecision.Selected, selected, selection.Avoided, selection.AvoidedTotal, selection.TotalUpstreams, reason: null));
                state.AvoidSelectedUpstream(selected);
            }
        }

        return attempts;
    }

    private static ShadowAttempt Attempt(
        AttemptDecision decision, SelectedUpstream upstream, int[] avoided, int avoidedTotal, int total, string? reason) =>
        new(
            decision,
            upstream.StationName,
            upstream.Index,
            upstream.Candidate.Upstream.BaseUrl,
            upstream.Candidate.Upstream.ProviderIdTag,
            upstream.Candidate.EndpointId,
            upstream.Candidate.RoutePath,
            avoided,
            avoidedTotal,
            total,
            reason);
}
