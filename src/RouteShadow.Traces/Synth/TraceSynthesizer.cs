using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Requests;
using RouteShadow.Traces.Timeline;

namespace RouteShadow.Traces.Synth;

/// <summary>
/// Generates realistic codex-helper logs — <c>requests.jsonl</c> and <c>control_trace.jsonl</c> in
/// the 0.15.0 formats — by simulating the proxy over a config: requests arrive at random, each is
/// routed the way production routes (the route-plan executor over the live load-balancer state,
/// first station only unless cross-station failover is on), each attempt meets the fault model,
/// and outcomes update the state as the proxy does. Lines are written in the order they would be
/// (when each request ends), so the replay has to reorder them exactly as it does for real logs.
/// </summary>
public static class TraceSynthesizer
{
    private const string Service = "codex";
    private static readonly string[] Models = ["gpt-5", "gpt-5", "gpt-5", "gpt-5-mini", "gpt-5-mini", "gpt-4.1"];

    public static SynthResult Write(SynthOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        string configPath;
        ProxyConfig config;
        if (options.ConfigPath is { } given)
        {
            configPath = given;
            config = ConfigReader.Read(given);
        }
        else
        {
            configPath = Path.Combine(outDirectory, SampleConfig.FileName);
            File.WriteAllText(configPath, SampleConfig.Json + "\n");
            config = ConfigReader.Parse(SampleConfig.Json, configPath);
        }

        var routing = config.For(Service) ?? throw new ConfigException($"{configPath}: the simulation needs a [{Service}] section");
        var requestsPath = Path.Combine(outDirectory, "requests.jsonl");
        var tracePath = Path.Combine(outDirectory, "control_trace.jsonl");
        using var requests = new OrderedLines(requestsPath);
        using var trace = new OrderedLines(tracePath);
        var simulation = new Simulation(options, routing, config.Retry, requests, trace);
        for (var i = 0L; i < options.Requests; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            simulation.Next();
        }

        requests.FlushAll();
        trace.FlushAll();
        return new SynthResult(requestsPath, tracePath, configPath, options.Requests, trace.Written);
    }

    /// <summary>The simulated proxy: its clock, state, request counter and the random choices.</summary>
    private sealed class Simulation(SynthOptions options, ServiceRouting routing, RetryPolicy policy, OrderedLines requests, OrderedLines trace)
    {
        private readonly SeededRandom _random = new(options.Seed);
        private readonly FaultModel _faults = new(options.Seed);
        private readonly PriorityQueue<(Station Station, Outcome Outcome), (long, long)> _outcomes = new();
        private readonly IRoutingEngine _production = ShadowRunner.CodexHelper.Executor;
        private readonly IReadOnlyList<Station> _plan = routing.DefaultPlan();
        private readonly string[] _sessions = Sessions(new SeededRandom(options.Seed ^ 0x5e55_1075UL));
        private LbStateMap _states = new();
        private long _clock = options.StartMs;
        private long _nextId = 1;
        private long _count;
        private long _sequence;

        public void Next()
        {
            _clock += (long)_random.Exponential(options.MeanGapMs) + 1;
            if (options.RestartEvery > 0 && _count > 0 && _count % options.RestartEvery == 0)
            {
                Restart();
            }

            _count++;
            var start = _clock;
            ApplyOutcomesUpTo(start);
            requests.FlushBefore(start);
            trace.FlushBefore(start);

            var id = _nextId++;
            var request = new SimulatedRequest(id, start, _random.Pick(Models), _random.Chance(0.4), _random.Pick(_sessions));
            var attempts = _production.Plan(new RoutingQuestion(Service, _plan, _states, request.Model, start));
            Walk(request, attempts);
            Emit(request);
        }

        private void Restart()
        {
            // The process stops: whatever it had pending is lost with its state; the next one starts later with ids from 1.
            _outcomes.Clear();
            _states = new LbStateMap();
            _nextId = 1;
            _clock += 5_000;
        }

        private void ApplyOutcomesUpTo(long atMs)
        {
            while (_outcomes.TryPeek(out _, out var key) && key.Item1 <= atMs)
            {
                var (station, outcome) = _outcomes.Dequeue();
                var balancer = new LoadBalancer(station, _states);
                switch (outcome.Kind)
                {
                    case OutcomeKind.Success:
                        balancer.RecordResult(outcome.Target.Index, true, LoadBalancerConstants.CooldownSecs, outcome.Backoff, outcome.AtMs);
                        break;
                    case OutcomeKind.Failure:
                        balancer.RecordResult(outcome.Target.Index, false, LoadBalancerConstants.CooldownSecs, outcome.Backoff, outcome.AtMs);
                        break;
                    case OutcomeKind.Penalty:
                        balancer.Penalize(outcome.Target.Index, outcome.CooldownSecs, outcome.Backoff, outcome.AtMs);
                        break;
                }
            }
        }

        /// <summary>Production's walk: the executor's order, first station only unless cross-station failover is on.</summary>
        private void Walk(SimulatedRequest request, IReadOnlyList<ShadowAttempt> attempts)
        {
            var multi = _plan.Count > 1;
            var stationLimit = multi && policy.AllowCrossStationBeforeFirstOutput && policy.Provider.Strategy == "failover" ? policy.Provider.MaxAttempts : 1;
            var ordinals = new List<string>();
            var clock = request.StartMs + 2;
            request.Events.RetryOptionsAt(clock);
            foreach (var attempt in attempts)
            {
                if (!ordinals.Contains(attempt.StationName))
                {
                    if (ordinals.Count == stationLimit)
                    {
                        break;
                    }

                    ordinals.Add(attempt.StationName);
                }

                var station = _plan.First(s => s.Name == attempt.StationName);
                var ordinal = ordinals.Count;
                if (attempt.Decision == AttemptDecision.SkippedCapabilityMismatch)
                {
                    request.Rows.Add(Row(request, station, attempt, ordinal, null) with
                    {
                        Decision = AttemptDecisions.SkippedCapabilityMismatch, Reason = ShadowAttempt.UnsupportedModel, Model = request.Model, Skipped = true,
                        Raw = $"{Identity(station, attempt)} skipped_unsupported_model={request.Model}",
                    });
                    continue;
                }

                if (Try(request, station, attempt, ordinal, ref clock))
                {
                    request.EndMs = clock + (request.Stream ? _random.Between(2_000, 30_000) : _random.Between(50, 1_500));
                    return;
                }
            }

            request.EndMs = clock + 1;
        }

        /// <summary>One target, with its same-upstream retries. True when the request ends here.</summary>
        private bool Try(SimulatedRequest request, Station station, ShadowAttempt attempt, int ordinal, ref long clock)
        {
            var url = attempt.UpstreamBaseUrl;
            var target = new UpstreamRef(station.Name, attempt.UpstreamIndex);
            var note = station.Upstreams[attempt.UpstreamIndex].ModelMapping.TryGetValue(request.Model, out var mapped) ? $"{request.Model}->{mapped}" : request.Model;
            var identity = Identity(station, attempt);
            for (var u = 1; u <= policy.Upstream.MaxAttempts; u++)
            {
                request.Events.Select(clock, attempt, ordinal, u, note);
                var sent = clock;
                var outcome = _faults.Next(_random, url, clock);
                var last = u == policy.Upstream.MaxAttempts;
                var row = Row(request, station, attempt, ordinal, u) with { Model = note };
                switch (outcome)
                {
                    case SimulatedOutcome.Success:
                        var headers = _random.Between(250, 2_500);
                        clock += headers;
                        request.Rows.Add(row with
                        {
                            Decision = AttemptDecisions.Completed, StatusCode = 200, UpstreamHeadersMs = headers, DurationMs = clock - request.StartMs,
                            Raw = $"{identity} status=200 class=- model={note}",
                        });
                        request.Final = (station, attempt, 200, headers);
                        Schedule(station, new Outcome(clock, target, OutcomeKind.Success, 0, policy.Backoff));
                        return true;
                    case SimulatedOutcome.RetryableStatus:
                    {
                        var status = _faults.RetryableStatus(_random);
                        var took = _random.Between(80, 1_500);
                        clock += took;
                        var failover = last;
                        request.Rows.Add(row with
                        {
                            Decision = AttemptDecisions.FailedStatus, StatusCode = status, UpstreamHeadersMs = took, DurationMs = clock - request.StartMs,
                            CooldownSecs = failover ? Cooldown() : null, CooldownReason = failover && Cooldown() is not null ? $"status_{status}" : null,
                            Raw = $"{identity} status={status} class=- model={note}",
                        });
                        request.LastStatus = status;
                        if (failover)
                        {
                            Failover(request, station, attempt, target, clock, penalize: true);
                            return false;
                        }

                        clock += _random.Between(200, 300);
                        break;
                    }

                    case SimulatedOutcome.Transport:
                    {
                        var took = _random.Between(1, 40);
                        clock += took;
                        var message = $"error sending request for url ({url}/responses) | caused_by: client error (Connect) | caused_by: tcp connect error | caused_by: Connection refused (os error 111) (flags: connect)";
                        request.Rows.Add(row with
                        {
                            Decision = AttemptDecisions.FailedTransport, Reason = message, ErrorClass = "upstream_transport_error", DurationMs = took,
                            CooldownSecs = last ? Cooldown() : null, CooldownReason = last && Cooldown() is not null ? "upstream_transport_error" : null,
                            Raw = $"{identity} transport_error={message} model={note}",
                        });
                        request.LastStatus = 502;
                        if (last)
                        {
                            Failover(request, station, attempt, target, clock, penalize: true);
                            return false;
                        }

                        clock += _random.Between(200, 300);
                        break;
                    }

                    case SimulatedOutcome.NeverRetry:
                        clock += _random.Between(80, 600);
                        request.Rows.Add(row with
                        {
                            Decision = AttemptDecisions.FailedStatus, StatusCode = 422, ErrorClass = "client_error_non_retryable", UpstreamHeadersMs = clock - sent,
                            DurationMs = clock - request.StartMs, Raw = $"{identity} status=422 class=client_error_non_retryable model={note}",
                        });
                        request.Final = (station, attempt, 422, clock - sent);
                        Schedule(station, new Outcome(clock, target, OutcomeKind.Failure, 0, policy.Backoff));
                        return true;
                    case SimulatedOutcome.ClientError:
                        clock += _random.Between(80, 600);
                        request.Rows.Add(row with
                        {
                            Decision = AttemptDecisions.FailedStatus, StatusCode = 400, UpstreamHeadersMs = clock - sent, DurationMs = clock - request.StartMs,
                            Raw = $"{identity} status=400 class=- model={note}",
                        });
                        request.Final = (station, attempt, 400, clock - sent);
                        return true;
                    case SimulatedOutcome.CapabilityMismatch:
                        clock += _random.Between(80, 600);
                        request.Rows.Add(row with
                        {
                            Decision = AttemptDecisions.FailedStatus, StatusCode = 404, ErrorClass = "routing_mismatch_capability", UpstreamHeadersMs = clock - sent,
                            DurationMs = clock - request.StartMs, CooldownSecs = Cooldown(), CooldownReason = Cooldown() is null ? null : "status_404",
                            Raw = $"{identity} status=404 class=routing_mismatch_capability model={note}",
                        });
                        request.LastStatus = 404;
                        Failover(request, station, attempt, target, clock, penalize: false);
                        return false;
                }
            }

            return false;
        }

        private long? Cooldown() => policy.TransportCooldownSecs > 0 ? (long)policy.TransportCooldownSecs : null;

        private void Failover(SimulatedRequest request, Station station, ShadowAttempt attempt, UpstreamRef target, long clock, bool penalize)
        {
            if (penalize)
            {
                Schedule(station, new Outcome(clock, target, OutcomeKind.Penalty, policy.TransportCooldownSecs, policy.Backoff));
            }

            var avoided = attempt.AvoidForStation.Append(attempt.UpstreamIndex).Distinct().Order().ToList();
            request.Events.Failover(clock, station, avoided);
        }

        private void Schedule(Station station, Outcome outcome) => _outcomes.Enqueue((station, outcome), (outcome.AtMs, _sequence++));

        private static string Identity(Station station, ShadowAttempt attempt) =>
            $"station={station.Name} upstream_index={attempt.UpstreamIndex} url={attempt.UpstreamBaseUrl}";

        private RouteAttempt Row(SimulatedRequest request, Station station, ShadowAttempt attempt, int ordinal, int? upstreamAttempt) => new()
        {
            AttemptIndex = request.Rows.Count,
            ProviderId = station.Upstreams[attempt.UpstreamIndex].ProviderIdTag,
            EndpointId = station.EndpointIdAt(attempt.UpstreamIndex),
            ProviderEndpointKey = $"{Service}/{station.ProviderIdAt(attempt.UpstreamIndex)}/{station.EndpointIdAt(attempt.UpstreamIndex)}",
            PreferenceGroup = 0,
            RoutePath = attempt.RoutePath,
            ProviderAttempt = ordinal,
            UpstreamAttempt = upstreamAttempt,
            ProviderMaxAttempts = policy.Provider.MaxAttempts,
            UpstreamMaxAttempts = policy.Upstream.MaxAttempts,
            StationName = station.Name,
            UpstreamBaseUrl = attempt.UpstreamBaseUrl,
            UpstreamIndex = attempt.UpstreamIndex,
            AvoidForStation = attempt.AvoidForStation,
            AvoidedTotal = attempt.AvoidedTotal,
            TotalUpstreams = attempt.TotalUpstreams,
            Decision = AttemptDecisions.Selected,
        };

        private void Emit(SimulatedRequest request)
        {
            var record = request.ToRecord(_random);
            requests.Add(record.TimestampMs, RequestLineWriter.Build(record), sorted: false);
            TraceLines.Selection(trace, request, _plan, routing);
            TraceLines.Events(trace, request, policy);
            TraceLines.Completed(trace, record);
        }

        private static string[] Sessions(SeededRandom random) => [.. Enumerable.Range(0, 16).Select(_ =>
        {
            var hex = random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture) + random.NextUInt64().ToString("x16", CultureInfo.InvariantCulture);
            return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";
        })];
    }
}
