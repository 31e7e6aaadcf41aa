namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// A running GoModel gateway in one <see cref="GoModelVariant"/>: it owns a state, serves requests
/// against scripted upstream replies (spec B.7–B.8), lists models (B.9), takes manual toggles and
/// clock steps, and writes every step to a ledger.
/// </summary>
public sealed class GoModelGateway
{
    private readonly PoolResolver _resolver;
    private readonly UpstreamCall _upstream;

    public GoModelGateway(GoModelConfig config, GoModelVariant variant, GoModelState state, UpstreamCall upstream)
    {
        Config = config;
        Variant = variant;
        State = state;
        _resolver = new PoolResolver(config, variant);
        _upstream = upstream;
    }

    public GoModelConfig Config { get; }

    public GoModelVariant Variant { get; }

    public GoModelState State { get; }

    /// <summary>
    /// A gateway at the start of <paramref name="question"/>, on a state of its own, whose upstreams
    /// answer as the question scripts them — or as <paramref name="upstream"/> does when given.
    /// </summary>
    public static GoModelGateway For(GoModelQuestion question, GoModelVariant variant, UpstreamCall? upstream = null)
    {
        var state = GoModelState.From(question.State, question.NowMs, poolDimension: !variant.Has(GoModelBugs.ToggleCrossesPools));
        return new GoModelGateway(question.Config, variant, state, upstream ?? question.Replies.Start().Next);
    }

    /// <summary>A gateway on a copy of this one's state, calling the same upstreams: for what-if questions that must not touch this one.</summary>
    public GoModelGateway Fork() => new(Config, Variant, State.Clone(), _upstream);

    /// <summary>Applies one step, appending what it did to <paramref name="ledger"/>.</summary>
    public void Play(int step, GoModelStep what, List<GoModelAttempt> ledger)
    {
        switch (what)
        {
            case RequestStep request:
                Serve(step, request, ledger);
                break;
            case ListModelsStep:
                var listing = ListModels();
                for (var i = 0; i < listing.Count; i++)
                {
                    ledger.Add(new GoModelAttempt(step, GoModelEntryKind.Listed, i + 1, listing[i].Candidate.Qualified, 200, listing[i].Canonical));
                }

                break;
            case SetStateStep set:
                State.Manual.Upsert(set.Entry);
                break;
            case AdvanceStep advance:
                Advance(advance.Ms);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(what), what, "unknown step");
        }
    }

    /// <summary>
    /// Serves a request: a provider hint dispatches directly; a pool request resolves (twice at
    /// head: the first picks what runs, the second what is reported and the fallbacks), dispatches
    /// the primary and, when the policy allows it on the primary's error, the fallbacks up to
    /// <c>max_attempts</c>. Later fallback errors are not re-checked (N11).
    /// </summary>
    public ServedRequest Serve(int step, RequestStep request, List<GoModelAttempt> ledger)
    {
        if (request.Provider is { } hint)
        {
            return ServeDirect(step, request, hint, ledger);
        }

        if (Config.Pool(request.Model.Trim()) is not { } pool)
        {
            return Reject(step, null, $"unsupported model: {request.Model}", ledger);
        }

        var key = _resolver.AffinityKey(pool, request);
        var (executed, error) = _resolver.Resolve(pool, key, State, State.Counters);
        var reported = executed;
        if (executed is not null && Variant.Has(GoModelBugs.DoubleResolve))
        {
            (reported, error) = _resolver.Resolve(pool, key, State, State.Counters);
        }

        if (executed is null || reported is null)
        {
            return Reject(step, pool, error!, ledger);
        }

        var dispatched = new List<PoolCandidate>();
        var effective = reported.Primary;
        var reply = Dispatch(step, executed.Primary, executed.Pinned ? "affinity_pin" : "primary", dispatched, ledger);
        if (!reply.Succeeded && FailoverPolicy.ShouldAttempt(Config.Defaults.Failover, reply))
        {
            foreach (var fallback in reported.Fallbacks)
            {
                if (dispatched.Count >= Config.Defaults.Failover.MaxAttempts)
                {
                    break;
                }

                reply = Dispatch(step, fallback, "failover", dispatched, ledger);
                if (reply.Succeeded)
                {
                    effective = fallback;
                    break;
                }
            }
        }

        var fallbacks = string.Join(",", reported.Fallbacks.Select(c => c.Qualified));
        ledger.Add(new GoModelAttempt(step, GoModelEntryKind.Report, 0, effective.Qualified, reply.Status, $"fallbacks=[{fallbacks}]"));
        return new ServedRequest(pool, dispatched, effective, reported.Fallbacks, reply);
    }

    /// <summary>
    /// <c>GET /v1/models</c>: every pool that can serve, with the candidate it would expose. At head
    /// the lister's private resolver advances its own counters on every call (G4); otherwise the
    /// listing is a dry run on a copy of the live state, so it is pure and agrees with live routing.
    /// </summary>
    public IReadOnlyList<(string Canonical, PoolCandidate Candidate)> ListModels()
    {
        var advancing = Variant.Has(GoModelBugs.ListingAdvancesCounters);
        var view = advancing ? State : State.Clone();
        var counters = advancing ? State.ListerCounters : view.Counters;
        var listing = new List<(string, PoolCandidate)>();
        foreach (var pool in Config.Pools)
        {
            if (_resolver.Resolve(pool, affinityKey: null, view, counters).Resolution is { } resolution)
            {
                listing.Add((pool.Canonical, resolution.Primary));
            }
        }

        return listing;
    }

    /// <summary>Moves the clock. With bounded affinity, expired pins are swept as time passes rather than when read.</summary>
    public void Advance(long ms)
    {
        State.NowMs += ms;
        if (!Variant.Has(GoModelBugs.AffinityUnbounded))
        {
            foreach (var expired in State.Pins.Where(p => p.Value.ExpiresAtMs <= State.NowMs).Select(p => p.Key).ToList())
            {
                State.Pins.Remove(expired);
            }
        }
    }

    /// <summary>A pick for <paramref name="pool"/> outside any request (no affinity), advancing live counters as a request would.</summary>
    public PoolCandidate? Pick(ModelPool pool) => _resolver.Resolve(pool, affinityKey: null, State, State.Counters).Resolution?.Primary;

    /// <summary>Whether <paramref name="candidate"/> of <paramref name="pool"/> could be picked now.</summary>
    public bool Selectable(ModelPool pool, PoolCandidate candidate) =>
        PoolEvaluation.Of(pool, State.Manual, State.Runtime).Candidates.Single(c => c.Candidate == candidate).Selectable;

    /// <summary>
    /// A direct <c>provider/model</c> request. At head routing state is consulted only inside pools,
    /// so a manually disabled provider still serves it (N7).
    /// </summary>
    private ServedRequest ServeDirect(int step, RequestStep request, string provider, List<GoModelAttempt> ledger)
    {
        if (!Variant.Has(GoModelBugs.DisabledProviderTraffic) && !State.Manual.ProviderEnabled(provider))
        {
            return Reject(step, null, $"provider \"{provider}\" is disabled", ledger);
        }

        var target = new PoolCandidate(provider, request.Model.Trim(), 0, 0);
        var dispatched = new List<PoolCandidate>();
        var reply = Dispatch(step, target, "direct", dispatched, ledger);
        ledger.Add(new GoModelAttempt(step, GoModelEntryKind.Report, 0, target.Qualified, reply.Status, "fallbacks=[]"));
        return new ServedRequest(null, dispatched, target, [], reply);
    }

    private static ServedRequest Reject(int step, ModelPool? pool, string error, List<GoModelAttempt> ledger)
    {
        var reply = new UpstreamReply(400, error);
        ledger.Add(new GoModelAttempt(step, GoModelEntryKind.Reject, 0, string.Empty, reply.Status, error));
        return new ServedRequest(pool, [], null, [], reply);
    }

    private UpstreamReply Dispatch(int step, PoolCandidate candidate, string reason, List<PoolCandidate> dispatched, List<GoModelAttempt> ledger)
    {
        var reply = _upstream(step, candidate);
        dispatched.Add(candidate);
        ledger.Add(new GoModelAttempt(step, GoModelEntryKind.Dispatch, dispatched.Count, candidate.Qualified, reply.Status, reason));
        return reply;
    }
}

/// <summary>
/// What one request did: its pool (null for a direct or unmatched request), the candidates
/// dispatched in order, the effective candidate its metadata reports (null when rejected), the
/// fallback list it carried and the final reply.
/// </summary>
public sealed record ServedRequest(
    ModelPool? Pool, IReadOnlyList<PoolCandidate> Dispatched, PoolCandidate? Reported, IReadOnlyList<PoolCandidate> Fallbacks, UpstreamReply Final);
