using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.ModelRouting;

namespace RouteShadow.Core.Engines.Legacy;

/// <summary>
/// The legacy side of codex-helper's shadow (<c>route_executor_shadow.rs</c>): for each station
/// in order, a load balancer over a private copy of the state walks strict selection, avoiding
/// each upstream once it is selected or skipped for the model.
/// </summary>
public sealed class LegacyEngine : IRoutingEngine
{
    public const string EngineName = "legacy";

    public string Name => EngineName;

    public IReadOnlyList<ShadowAttempt> Plan(RoutingQuestion question)
    {
        var total = question.TotalUpstreams;
        var attempts = new List<ShadowAttempt>(total);
        var avoidedTotal = 0;

        // One set reused station after station: each attempt copies out what it reports.
        var avoid = new IndexSet();

        for (var stationIndex = 0; stationIndex < question.Stations.Count; stationIndex++)
        {
            var station = question.Stations[stationIndex];
            // Each station reads the snapshot afresh, as the reference clones the shared map per
            // station: a repeated station name starts from the same state again.
            question.States.TryGet(station.Name, out var stored);
            var state = LbState.ReadLaidOut(stored, station.Signature);
            avoid.Clear();
            var n = station.Upstreams.Count;

            while (!avoid.Exhausts(n))
            {
                if (LoadBalancer.Select(state, n, avoid, question.NowMs, strict: true) is not { } index)
                {
                    break;
                }

                var upstream = station.Upstreams[index];
                var supported = question.Model is null
                                || ModelSupport.IsSupported(upstream.SupportedModels, upstream.ModelMapping, question.Model);
                if (!supported)
                {
                    if (avoid.Add(index))
                    {
                        avoidedTotal++;
                    }

                    attempts.Add(Attempt(AttemptDecision.SkippedCapabilityMismatch, station, index, avoid, avoidedTotal, total));
                    continue;
                }

                attempts.Add(Attempt(AttemptDecision.Selected, station, index, avoid, avoidedTotal, total));
                if (avoid.Add(index))
                {
                    avoidedTotal++;
                }
            }
        }

        return attempts;
    }

    private static ShadowAttempt Attempt(
        AttemptDecision decision, World.Station station, int index, IndexSet avoid, int avoidedTotal, int total) =>
        new(
            decision,
            station.Name,
            index,
            station.Upstreams[index].BaseUrl,
            station.Upstreams[index].ProviderIdTag,
            station.EndpointIdAt(index),
            station.RoutePathAt(index),
            avoid.ToArray(),
            avoidedTotal,
            total,
            decision == AttemptDecision.Selected ? null : ShadowAttempt.UnsupportedModel);
}
