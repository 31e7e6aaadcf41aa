using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.ControlTrace;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.Replay;

/// <summary>
/// Replays production traffic through both engines. Requests are read in log order (the order
/// they ended), held back for the reorder window, and replayed in the order they started; their
/// recorded outcomes are applied to the rebuilt state at the times they happened. A drop in a
/// service's request ids marks a process restart, which wipes the state as it did in production.
/// </summary>
public sealed class ReplayRunner(ShadowRunner runner, ReplayOptions options)
{
    private const int ProgressEvery = 4096;

    /// <returns>The number of request lines read.</returns>
    public long Run(ReplayInput input, MalformedLines malformed, IReplaySink sink, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken)
    {
        if (input.Configs.Count == 0)
        {
            throw new ArgumentException("a replay needs at least one config", nameof(input));
        }

        var requests = new RequestLogReader(input.Requests, malformed, options.MaxLineBytes);
        var traceReader = input.Trace is { } trace ? new ControlTraceReader(trace, malformed, TraceCorrelator.IsWanted, options.MaxLineBytes) : null;
        using var correlator = new TraceCorrelator(traceReader, options.ReorderWindowMs, cancellationToken);
        var replay = new Session(new ComparisonCache(runner), input.Configs, correlator, sink);
        var totalBytes = input.Requests.TotalBytes;

        long read = 0, newest = long.MinValue;
        foreach (var request in ReadAhead.Of(requests.Read(cancellationToken)))
        {
            correlator.AdvanceTo(request.TimestampMs);
            replay.Add(request);
            newest = Math.Max(newest, request.TimestampMs);
            replay.ReplayBefore(newest - options.ReorderWindowMs);
            if (++read % ProgressEvery == 0)
            {
                progress?.Report(new ReplayProgress(read, requests.BytesRead, totalBytes));
            }
        }

        replay.ReplayBefore(long.MaxValue);
        progress?.Report(new ReplayProgress(read, totalBytes, totalBytes));
        return read;
    }

    /// <summary>One replay's moving parts: the timeline queue, the rebuilt state and the config in use.</summary>
    private sealed class Session(ComparisonCache comparisons, IReadOnlyList<ProxyConfig> configs, TraceCorrelator correlator, IReplaySink sink)
    {
        private readonly PriorityQueue<Step, (long AtMs, int Phase, long Sequence)> _queue = new();
        private readonly StateTimeline _state = new();
        private readonly Dictionary<string, (long Id, long StartMs)> _lastIds = new(StringComparer.Ordinal);
        private ProxyConfig _config = configs[0];
        private long _sequence;
        private long _replayedUpTo = long.MinValue;
        private long _newestEnd = long.MinValue;
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<StationSelection, ResolvedPlan> _plans = [];

        public void Add(RequestRecord request)
        {
            if (IsRestart(request))
            {
                // The new process started after the old one's last line; its first line may arrive after others.
                Enqueue(new Step(null, null), Math.Max(_newestEnd + 1, _replayedUpTo), phase: 0);
            }

            _newestEnd = Math.Max(_newestEnd, request.TimestampMs);

            var prepared = Prepare(request);
            var late = request.StartMs < _replayedUpTo;
            Enqueue(new Step(prepared with { Late = late }, null), late ? _replayedUpTo : request.StartMs, phase: 2);
            foreach (var outcome in prepared.Recording?.Outcomes ?? [])
            {
                // At the same millisecond, other requests' outcomes come before a question, its own after it.
                Enqueue(new Step(prepared, outcome), Math.Max(outcome.AtMs, _replayedUpTo), outcome.AtMs == request.StartMs ? 3 : 1);
            }
        }

        public void ReplayBefore(long watermark)
        {
            while (_queue.TryPeek(out _, out var at) && at.AtMs < watermark)
            {
                var step = _queue.Dequeue();
                _replayedUpTo = Math.Max(_replayedUpTo, at.AtMs);
                if (step.Request is null)
                {
                    _state.Restart();
                }
                else if (step.Outcome is { } outcome)
                {
                    _state.Apply(step.Request.Record.Service, step.Request.Plan!, outcome);
                }
                else
                {
                    sink.Accept(Replay(step.Request));
                }
            }
        }

        private RequestResult Replay(Prepared request)
        {
            var record = request.Record;
            if (request.Problem is { } problem)
            {
                if (problem == RebuildProblem.ConfigMismatch)
                {
                    ForgetStationsNamedBy(record);
                }

                return RequestResult.Unrebuildable(record, problem, request.ProblemDetail!, request.Plan);
            }

            if (request.Late)
            {
                return RequestResult.Unrebuildable(record, RebuildProblem.Late, "the request ran longer than the reorder window", request.Plan);
            }

            var plan = request.Plan!;
            if (_state.UnknownIn(record.Service, plan) is { } unknown)
            {
                return RequestResult.Unrebuildable(record, RebuildProblem.StateUnknown, unknown, plan);
            }

            var question = _state.Question(record.Service, plan, request.Model, record.StartMs);
            var comparison = comparisons.Compare(question);
            var fidelity = comparison.Verdict == ShadowVerdict.EngineError
                ? null
                : Fidelity.Of(request.Recording!.Attempts, comparison.Report, request.Facts?.Shadow);
            return new RequestResult(record, null, null, plan, question, comparison, fidelity, request.Recording!.Attempts) { Policy = request.Policy };
        }

        /// <summary>
        /// A request the configs cannot place still changed production's state, somehow: every
        /// station it names (that a config knows) is unknown from now on.
        /// </summary>
        private void ForgetStationsNamedBy(RequestRecord record)
        {
            if (_config.For(record.Service) is not { } routing)
            {
                return;
            }

            var named = (record.Retry?.Rows ?? []).Select(r => r.StationName).Append(record.StationName)
                .Select(n => n ?? (routing.Mode == RoutingMode.RouteGraph ? ServiceRouting.RouteGraphStation : null))
                .OfType<string>().Distinct(StringComparer.Ordinal);
            foreach (var name in named)
            {
                if (routing.Find(name) is { } station)
                {
                    _state.MarkStationUnknown(record.Service, station.Station, record.StartMs);
                }
            }
        }

        private Prepared Prepare(RequestRecord request)
        {
            if (request.RequestId is null)
            {
                return Prepared.Failed(request, RebuildProblem.NoRoutingDecision, "the request never reached routing (no request id)");
            }

            var (facts, selection) = correlator.Lookup(request);
            string? problem = null;
            foreach (var config in CandidateConfigs())
            {
                if (config.For(request.Service) is not { } routing)
                {
                    problem ??= $"{config.Source} has no [{request.Service}] section";
                    continue;
                }

                var (plan, planProblem) = PlanFor(routing, selection, request);
                if (plan is null)
                {
                    problem ??= planProblem;
                    continue;
                }

                var policy = facts?.Policy ?? config.Retry;
                var recording = Recording.Read(request, plan, policy, facts?.AttemptStarts ?? []);
                if (recording.Problem is not null)
                {
                    problem ??= recording.Problem;
                    continue;
                }

                _config = config;
                var (model, known) = ModelOf(request, facts);
                return known || !RestrictsModels(plan)
                    ? new Prepared(request, plan, recording, facts, model, null, null) { Policy = policy }
                    : new Prepared(request, plan, recording, facts, null, RebuildProblem.ModelUnknown,
                        "an upstream restricts models and neither the log nor the trace names the request's model");
            }

            return Prepared.Failed(request, RebuildProblem.ConfigMismatch, problem ?? "no config");
        }

        /// <summary>
        /// The request's station plan. A trace repeats one station selection (the same record, read once)
        /// request after request; while no admin override is in play, its plan is worked out once.
        /// </summary>
        private (StationPlan? Plan, string? Problem) PlanFor(ServiceRouting routing, StationSelection? selection, RequestRecord request)
        {
            var overrides = correlator.OverridesOf(request.Service);
            if (selection is null || !overrides.IsEmpty)
            {
                return StationPlan.Resolve(routing, selection, overrides, request.StartMs);
            }

            if (_plans.TryGetValue(selection, out var known) && known.Routing == routing)
            {
                return (known.Plan, known.Problem);
            }

            var (plan, problem) = StationPlan.Resolve(routing, selection, overrides, request.StartMs);
            _plans.AddOrUpdate(selection, new ResolvedPlan(routing, plan, problem));
            return (plan, problem);
        }

        private IEnumerable<ProxyConfig> CandidateConfigs() => configs.Count == 1 ? configs : [_config, .. configs.Where(c => c != _config)];

        /// <summary>The request's model: from the attempt rows, the record (v0.16+) or the trace. A note of <c>-</c> means "no model".</summary>
        private static (string? Model, bool Known) ModelOf(RequestRecord request, TraceFacts? facts)
        {
            var note = request.Retry?.Rows.FirstOrDefault(r => r.Model is not null && !r.IsSkip)?.Model
                       ?? request.Retry?.Rows.FirstOrDefault(r => r.Model is not null)?.Model;
            if (note is not null)
            {
                return (RouteAttempt.RequestedModelOf(note), true);
            }

            if (request.Model is not null)
            {
                return (request.Model, true);
            }

            return facts is { HasModel: true } ? (RouteAttempt.RequestedModelOf(facts.ModelNote), true) : (null, false);
        }

        private static bool RestrictsModels(StationPlan plan) =>
            plan.Stations.Any(s => s.Upstreams.Any(u => u.SupportedModels.Count > 0 || u.ModelMapping.Count > 0));

        /// <summary>Request ids restart from 1 in a new process: a lower id that started after the highest one seen is a restart.</summary>
        private bool IsRestart(RequestRecord request)
        {
            if (request.RequestId is not { } id)
            {
                return false;
            }

            var restart = _lastIds.TryGetValue(request.Service, out var last) && id < last.Id && request.StartMs > last.StartMs;
            if (restart)
            {
                _lastIds.Clear();
            }

            if (!_lastIds.TryGetValue(request.Service, out last) || id > last.Id)
            {
                _lastIds[request.Service] = (id, request.StartMs);
            }

            return restart;
        }

        private void Enqueue(Step step, long atMs, int phase) => _queue.Enqueue(step, (atMs, phase, _sequence++));
    }

    /// <summary>A request ready to replay: its plan and recording, or why it has none.</summary>
    private sealed record Prepared(
        RequestRecord Record,
        StationPlan? Plan,
        Recording? Recording,
        TraceFacts? Facts,
        string? Model,
        RebuildProblem? Problem,
        string? ProblemDetail)
    {
        public bool Late { get; init; }

        /// <summary>The retry plan the request ran under: the trace's <c>retry_options</c>, else the config's.</summary>
        public RetryPolicy? Policy { get; init; }

        public static Prepared Failed(RequestRecord record, RebuildProblem problem, string detail) => new(record, null, null, null, null, problem, detail);
    }

    /// <summary>A selection's plan under one config, remembered.</summary>
    private sealed record ResolvedPlan(ServiceRouting Routing, StationPlan? Plan, string? Problem);

    /// <summary>A timeline step: a restart (no request), a request's question (no outcome) or one of its outcomes.</summary>
    private sealed record Step(Prepared? Request, Outcome? Outcome);
}
