using RouteShadow.Core.Engines.GoModel;
using RouteShadow.Testing.Checks;

namespace RouteShadow.Testing.GoModel;

/// <summary>
/// Runs the engine-independent checks (<see cref="Checks"/>) against a GoModel variant on one
/// question. Each check is the property one of GoModel's findings breaks, so a violation is named
/// by that finding (<see cref="GoModelBugs"/>).
/// </summary>
public static class GoModelChecks
{
    /// <summary>Picks per unit of total weight in the long-run frequency check.</summary>
    private const int PicksPerWeight = 100;

    /// <summary>Every check <paramref name="variant"/> violates on <paramref name="question"/>, in class order.</summary>
    public static IReadOnlyList<(GoModelBugs Class, CheckViolation Violation)> Run(GoModelQuestion question, GoModelVariant variant) =>
        [.. GoModelBugNames.Each.Select(bug => (bug, Violation: Run(bug, question, variant))).Where(r => r.Violation is not null).Select(r => (r.bug, r.Violation!))];

    /// <summary>The check that finding <paramref name="check"/> breaks, run on <paramref name="variant"/>.</summary>
    public static CheckViolation? Run(GoModelBugs check, GoModelQuestion question, GoModelVariant variant) => check switch
    {
        GoModelBugs.DoubleResolve => OneSelectionPerRequest(question, variant),
        GoModelBugs.ListingAdvancesCounters => ListingIsPure(question, variant),
        GoModelBugs.ToggleCrossesPools => TogglesAreLocal(question, variant),
        GoModelBugs.WeightsDrift => PicksFollowWeights(question, variant),
        GoModelBugs.AffinityUnbounded => AffinityIsBounded(question, variant),
        GoModelBugs.DisabledProviderTraffic => DisabledGetsNothing(question, variant),
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "one check at a time"),
    };

    private static CheckViolation? OneSelectionPerRequest(GoModelQuestion question, GoModelVariant variant)
    {
        CheckViolation? found = null;
        Replay(question, variant, (index, step, gateway, ledger) =>
        {
            if (step is not RequestStep request)
            {
                return false;
            }

            var served = gateway.Serve(index, request, ledger);
            found = ResolvingTwicePicksSameCandidate.Check(
                Names(served.Dispatched), served.Reported?.Qualified, Names(served.Fallbacks), served.Final.Succeeded);
            return true;
        }, () => found is not null);
        return found;
    }

    private static CheckViolation? ListingIsPure(GoModelQuestion question, GoModelVariant variant)
    {
        CheckViolation? found = null;
        Replay(question, variant, (_, step, gateway, _) =>
        {
            if (step is not ListModelsStep)
            {
                return false;
            }

            found = QueryLeavesStateUnchanged.Check(
                gateway,
                g => g.State.Export(),
                g => string.Join(", ", g.ListModels().Select(e => $"{e.Canonical}={e.Candidate.Qualified}")));
            return true;
        }, () => found is not null);
        return found;
    }

    private static CheckViolation? TogglesAreLocal(GoModelQuestion question, GoModelVariant variant)
    {
        var gateway = PlayedThrough(question, variant);
        var config = question.Config;
        List<(ModelPool Pool, PoolCandidate Candidate)> members = [.. config.Pools.SelectMany(p => p.Candidates.Select(c => (p, c)))];
        IEnumerable<RoutingStateEntry> entities =
        [
            .. config.Providers.Select(p => new RoutingStateEntry(RoutingStateKind.Provider, p, null, null, true)),
            .. config.Pools.Select(p => new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, p.Canonical, null, true)),
            .. members.Select(m => new RoutingStateEntry(RoutingStateKind.PoolCandidate, m.Candidate.Provider, m.Pool.Canonical, m.Candidate.Model, true)),
        ];
        return OneToggleChangesOnlyItsEntity.Check(
            gateway,
            entities,
            members,
            Covers,
            (g, m) => g.Selectable(m.Pool, m.Candidate),
            g => g.Fork(),
            (g, entity) => g.State.Manual.Upsert(entity with { Enabled = !EnabledNow(g.State.Manual, entity) }));
    }

    private static CheckViolation? PicksFollowWeights(GoModelQuestion question, GoModelVariant variant)
    {
        if (question.Config.Defaults.Strategy != PoolStrategy.WeightedRoundRobin)
        {
            return null;
        }

        var gateway = PlayedThrough(question, variant);
        foreach (var pool in question.Config.Pools)
        {
            var run = gateway.Fork();
            var weights = pool.Candidates.Where(c => run.Selectable(pool, c)).ToDictionary(c => c.Qualified, c => c.Weight);
            var picks = Enumerable.Range(0, PicksPerWeight * weights.Values.Sum()).Select(_ => run.Pick(pool)?.Qualified).OfType<string>().ToList();
            if (PickFrequenciesFollowWeights.Check(weights, picks) is { } violation)
            {
                return violation with { Detail = $"pool {pool.Canonical}: {violation.Detail}" };
            }
        }

        return null;
    }

    private static CheckViolation? AffinityIsBounded(GoModelQuestion question, GoModelVariant variant)
    {
        var gateway = GoModelGateway.For(question, variant);
        var ttl = question.Config.Defaults.SessionAffinityTtlMs;
        var lastUse = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pin in question.State.Pins)
        {
            // A recorded pin is a session of its own, live until it expires.
            lastUse[pin.Key] = question.NowMs + pin.ExpiresInMs - ttl;
        }

        var ledger = new List<GoModelAttempt>();
        var steps = question.Steps.Select((step, i) => (Action<GoModelGateway>)(g =>
        {
            if (step is RequestStep { Provider: null, UserPath: { Length: > 0 } path } request
                && g.Config.Pool(request.Model.Trim()) is { } pool && g.Config.Defaults.SessionAffinity)
            {
                lastUse[$"{pool.Canonical}|{path}"] = g.State.NowMs;
            }

            g.Play(i, step, ledger);
        }));
        var longest = Math.Max(ttl, question.State.Pins.Select(p => p.ExpiresInMs).DefaultIfEmpty(0).Max());
        return AffinityMemoryBounded.Check(
            gateway,
            steps,
            g => g.State.Pins.Count,
            g => lastUse.Values.Count(used => used + ttl > g.State.NowMs),
            g => g.Advance(longest));
    }

    private static CheckViolation? DisabledGetsNothing(GoModelQuestion question, GoModelVariant variant)
    {
        // The oracle: manual state as specified (rows keyed by their own entity), fed the same rows and toggles.
        var oracle = new ManualState(poolDimension: true);
        foreach (var row in question.State.RoutingState)
        {
            oracle.Upsert(row);
        }

        var dispatches = new List<(int Step, ModelPool? Pool, PoolCandidate Candidate, ManualState Manual)>();
        Replay(question, variant, (index, step, gateway, ledger) =>
        {
            switch (step)
            {
                case SetStateStep set:
                    oracle.Upsert(set.Entry);
                    return false;
                case RequestStep request:
                    var served = gateway.Serve(index, request, ledger);
                    var before = oracle.Clone();
                    dispatches.AddRange(served.Dispatched.Select(c => (index, served.Pool, c, before)));
                    return true;
                default:
                    return false;
            }
        }, () => false);

        return DisabledEntityGetsNoTraffic.Check(
            dispatches.Select(d => new Dispatch(d.Step, d.Pool?.Canonical, d.Candidate, d.Manual)),
            d => d.Entities,
            (d, entity) => !EnabledNow(d.Manual, entity));
    }

    private static bool Covers(RoutingStateEntry entity, (ModelPool Pool, PoolCandidate Candidate) member) => entity.Kind switch
    {
        RoutingStateKind.Provider => member.Candidate.Provider == entity.Provider,
        RoutingStateKind.CanonicalModel => member.Pool.Canonical == entity.Canonical,
        _ => member.Pool.Canonical == entity.Canonical && member.Candidate.Provider == entity.Provider && member.Candidate.Model == entity.Model,
    };

    private static bool EnabledNow(ManualState manual, RoutingStateEntry entity) => entity.Kind switch
    {
        RoutingStateKind.Provider => manual.ProviderEnabled(entity.Provider!),
        RoutingStateKind.CanonicalModel => manual.CanonicalEnabled(entity.Canonical!),
        _ => manual.CandidateEnabled(entity.Canonical!, new PoolCandidate(entity.Provider!, entity.Model!, 0, 0)),
    };

    /// <summary>
    /// Plays the question on a fresh gateway; <paramref name="intercept"/> may play a step (given its index) itself
    /// (returning true), and the replay stops as soon as <paramref name="done"/> holds.
    /// </summary>
    private static GoModelGateway Replay(
        GoModelQuestion question, GoModelVariant variant, Func<int, GoModelStep, GoModelGateway, List<GoModelAttempt>, bool> intercept, Func<bool> done)
    {
        var gateway = GoModelGateway.For(question, variant);
        var ledger = new List<GoModelAttempt>();
        for (var i = 0; i < question.Steps.Count && !done(); i++)
        {
            if (!intercept(i, question.Steps[i], gateway, ledger))
            {
                gateway.Play(i, question.Steps[i], ledger);
            }
        }

        return gateway;
    }

    /// <summary>The gateway once every step of the question has been played.</summary>
    private static GoModelGateway PlayedThrough(GoModelQuestion question, GoModelVariant variant) =>
        new GoModelEngine(variant).Play(question, []);

    private static List<string> Names(IEnumerable<PoolCandidate> candidates) => [.. candidates.Select(c => c.Qualified)];

    /// <summary>One upstream request and the entities it went through, with the manual state it was sent under.</summary>
    private sealed record Dispatch(int Step, string? Canonical, PoolCandidate Candidate, ManualState Manual)
    {
        public IEnumerable<RoutingStateEntry> Entities
        {
            get
            {
                yield return new RoutingStateEntry(RoutingStateKind.Provider, Candidate.Provider, null, null, true);
                if (Canonical is not null)
                {
                    yield return new RoutingStateEntry(RoutingStateKind.CanonicalModel, null, Canonical, null, true);
                    yield return new RoutingStateEntry(RoutingStateKind.PoolCandidate, Candidate.Provider, Canonical, Candidate.Model, true);
                }
            }
        }

        public override string ToString() => $"request {Step}: dispatch to {Candidate.Qualified}" + (Canonical is null ? " (direct)" : $" in pool {Canonical}");
    }
}
