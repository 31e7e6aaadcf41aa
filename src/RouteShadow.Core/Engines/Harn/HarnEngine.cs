using System.Globalization;

namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// harn's routing executor (<c>execute_with_routing</c>, seed-engines A.3) on a virtual clock: walks
/// the chain with budget checks, failover matching, racing and slot accounting, calling each link
/// by its scripted outcome. Its plan is the attempt ledger; <see cref="Run"/> also gives the
/// selected record, the terminal error and the events. Pure: the question is never changed.
/// </summary>
public sealed class HarnEngine(HarnVariant variant) : IRoutingEngine<HarnQuestion, HarnAttempt>
{
    public const string MaxAttemptsError = "routing_policy.failover.max_attempts: must be >= 1";

    public const string EmptyChainError = "routing_policy: chain exhausted with no attempts (empty chain?)";

    /// <summary>The race deadline's base when neither the link nor the policy sets a timeout.</summary>
    public const long DefaultRacePrimaryTimeoutMs = 120_000;

    public HarnVariant Variant { get; } = variant;

    public string Name => Variant.Name;

    public IReadOnlyList<HarnAttempt> Plan(HarnQuestion question) => Run(question).Attempts;

    public HarnRun Run(HarnQuestion question) => new Execution(Variant, question).Run();

    /// <summary>One routed call's mutable progress.</summary>
    private sealed class Execution(HarnVariant variant, HarnQuestion question)
    {
        private readonly RoutingPolicy _policy = question.Policy;
        private readonly List<HarnAttempt> _ledger = [];
        private readonly List<RoutingEvent> _events = [];
        private readonly List<ErrorSnapshot> _failedOverOn = [];
        private long _clock;

        public HarnRun Run()
        {
            var chain = _policy.Chain;
            var maxAttempts = _policy.MaxAttempts;
            if (maxAttempts == 0)
            {
                // Rejected at call time, before any event (H11).
                return new HarnRun([], null, LinkError.ThrownString(MaxAttemptsError).Snapshot(), [], 0, []);
            }

            Emit("decision", ("chain_length", Number(chain.Count)), ("max_attempts", Number(maxAttempts)),
                ("chain", string.Join(", ", chain.Select(l => $"{l.Key} ({l.DisplayLabel})"))));
            ErrorSnapshot? lastError = null;
            int idx = 0, used = 0;
            while (idx < chain.Count && used < maxAttempts)
            {
                var link = chain[idx];
                if (BudgetBreach.Of(question, link) is { } breach)
                {
                    EmitBudgetExceeded(used + 1, link, breach);
                    if (_policy.Budget!.OnExceed == OnExceed.Abort)
                    {
                        lastError = breach.Error().Snapshot();
                        if (!variant.AbortLeavesNoRecord)
                        {
                            _ledger.Add(Record(used + 1, link) with { Status = HarnAttemptStatus.Skipped, Error = lastError });
                        }

                        break;
                    }

                    if (_policy.Budget.OnExceed == OnExceed.Skip)
                    {
                        var skip = breach.SkipError();
                        _ledger.Add(Record(used + 1, link) with { Status = HarnAttemptStatus.Skipped, Error = skip });
                        lastError = variant.AllSkippedSaysEmptyChain ? lastError : skip;
                        idx++;
                        used++; // A skip uses up an attempt slot.
                        continue;
                    }
                }

                var attemptNo = used + 1;
                Emit("attempt", ("attempt", Number(attemptNo)), ("provider", link.Provider), ("model", link.Model), ("link_label", link.DisplayLabel));
                var step = RacesWith(idx, used, maxAttempts) is { } backupIndex ? Race(idx, backupIndex, attemptNo) : Single(idx, attemptNo);
                _clock = VirtualTime.After(_clock, step.EndMs);
                var consumed = Math.Max(1, step.Records.Length);
                if (step.Result is { } result)
                {
                    return Succeed(step.Records, result);
                }

                var snapshot = step.Error!.Snapshot();
                var unattributed = Array.FindIndex(step.Records, r => r.Status == HarnAttemptStatus.Failed && r.Error is null);
                if (unattributed >= 0)
                {
                    step.Records[unattributed] = step.Records[unattributed] with { Error = snapshot };
                }

                _ledger.AddRange(step.Records);
                used += consumed;
                lastError = snapshot;
                if (!FailoverMatcher.IsEligible(_policy.Failover, snapshot, variant.TimeoutAlwaysEligible))
                {
                    break;
                }

                idx += consumed;
                if (idx < chain.Count && used < maxAttempts)
                {
                    _failedOverOn.Add(snapshot);
                }
            }

            return Exhausted(lastError);
        }

        /// <summary>Every terminal failure: the last error (or the misleading empty-chain one, H9) and the <c>exhausted</c> event.</summary>
        private HarnRun Exhausted(ErrorSnapshot? lastError)
        {
            var fields = new List<(string, string)> { ("attempts", Number(_ledger.Count)) };
            if (lastError is not null)
            {
                fields.Add(("last_error_category", lastError.Category.Label()));
                fields.Add(("last_error_message", lastError.Message));
                if (lastError.Status is { } status)
                {
                    fields.Add(("last_error_status", Number(status)));
                }
            }

            Emit("exhausted", [.. fields]);
            return new HarnRun(_ledger, null, lastError ?? LinkError.ThrownString(EmptyChainError).Snapshot(), _events, _clock, _failedOverOn);
        }

        /// <summary>The backup's chain index when this link races: racing on, a next link, two slots left (and, fixed, a backup the budget lets through).</summary>
        private int? RacesWith(int idx, int used, long maxAttempts)
        {
            if (!variant.Racing || _policy.Latency.RaceAfterMs is null || idx + 1 >= _policy.Chain.Count || used + 2 > maxAttempts)
            {
                return null;
            }

            var backupBreach = BudgetBreach.Of(question, _policy.Chain[idx + 1]);
            return variant.BackupSkipsBudgetPolicy || backupBreach is null || _policy.Budget!.OnExceed == OnExceed.Warn ? idx + 1 : null;
        }

        private Step Single(int idx, int attemptNo)
        {
            var call = LinkCall.Run(question, idx, Preflight);
            var record = Record(attemptNo, call.Link) with { DurationMs = call.Ms };
            return call.Succeeded
                ? new Step([record with { Status = HarnAttemptStatus.Succeeded }], call, null, call.Ms)
                : new Step([record], null, call.Error, call.Ms);
        }

        private Step Race(int idx, int backupIndex, int attemptNo)
        {
            var link = _policy.Chain[idx];
            var raceAfter = _policy.Latency.RaceAfterMs!.Value;
            var primary = LinkCall.Run(question, idx, Preflight);
            if (primary.Ms <= raceAfter)
            {
                // Finished before the backup was due: nothing was raced.
                var single = Record(attemptNo, link) with { DurationMs = primary.Ms };
                return primary.Succeeded
                    ? new Step([single with { Status = HarnAttemptStatus.Succeeded }], primary, null, primary.Ms)
                    : new Step([single], null, primary.Error, primary.Ms);
            }

            var backupLink = _policy.Chain[backupIndex];
            if (!variant.BackupSkipsBudgetPolicy && BudgetBreach.Of(question, backupLink) is { } breach)
            {
                EmitBudgetExceeded(attemptNo + 1, backupLink, breach);
            }

            Emit("race_started", ("race_after_ms", Number(raceAfter)), ("primary_label", link.DisplayLabel), ("backup_label", backupLink.DisplayLabel));
            var backup = LinkCall.Run(question, backupIndex, Preflight);
            var primaryTimeout = link.TimeoutMs ?? _policy.Failover.OnTimeoutMs ?? DefaultRacePrimaryTimeoutMs;
            var settled = RaceSettlement.Settle(variant, primary, backup, [Record(attemptNo, link), Record(attemptNo + 1, backupLink)], raceAfter, primaryTimeout);
            if (settled.Winner is { } winner)
            {
                var labels = (Winner: settled.Records[winner].Label, Loser: settled.Records[1 - winner].Label);
                foreach (var (name, reason) in settled.Events)
                {
                    Emit(name, reason.Length == 0
                        ? [("winner", labels.Winner), ("loser", labels.Loser)]
                        : [("winner", labels.Winner), ("loser", labels.Loser), ("reason", reason)]);
                }

                var call = winner == 0 ? primary : backup;
                return call.Succeeded
                    ? new Step(settled.Records, call, null, settled.EndMs)
                    : new Step(settled.Records, null, call.Error, settled.EndMs);
            }

            return new Step(settled.Records, null, settled.Error, settled.EndMs);
        }

        private HarnRun Succeed(HarnAttempt[] records, LinkCall result)
        {
            var cost = result.Cost(question);
            var winner = Array.FindIndex(records, r => r.Status == HarnAttemptStatus.Succeeded);
            records[winner] = records[winner] with { CostUsd = cost };
            var firstNew = _ledger.Count;
            _ledger.AddRange(records);

            // Matched by the result's provider and model: a reported alias leaves it empty (H8).
            var selected = _ledger.FindIndex(firstNew, r => r.Status == HarnAttemptStatus.Succeeded
                                                            && r.Provider == result.Link.Provider && r.Model == result.ReportedModel);
            return new HarnRun(_ledger, selected < 0 ? null : selected, null, _events, _clock, _failedOverOn);
        }

        /// <summary>Whether a call's own budget preflight runs: whenever a cap is set, unless warn is as specified.</summary>
        private bool Preflight => _policy.Budget is { } budget && (variant.WarnFailsInPreflight || budget.OnExceed != OnExceed.Warn);

        private static HarnAttempt Record(int index, PolicyLink link) =>
            new(index, link.Provider, link.Model, link.DisplayLabel, HarnAttemptStatus.Failed, 0);

        private void EmitBudgetExceeded(int attempt, PolicyLink link, BudgetBreach breach) => Emit(
            "budget_exceeded",
            ("attempt", Number(attempt)), ("provider", link.Provider), ("model", link.Model), ("link_label", link.DisplayLabel),
            ("kind", breach.Kind), ("limit_usd", BudgetBreach.Usd(breach.LimitUsd)), ("projected_cost_usd", BudgetBreach.Usd(breach.ProjectedUsd)),
            ("session_cost_usd", BudgetBreach.Usd(breach.SessionUsd)), ("on_exceed", _policy.Budget!.OnExceed.ToString().ToLowerInvariant()));

        private void Emit(string name, params (string Key, string Value)[] fields)
        {
            var metadata = new List<KeyValuePair<string, string>>(fields.Length + 2) { new("policy", _policy.EffectiveLabel) };
            metadata.AddRange(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));
            metadata.Add(new("event", name));
            _events.Add(new RoutingEvent($"{_policy.Dispatch}.{name}", metadata));
        }

        private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What one loop step produced: its records, the successful call or the error, and how long it took.</summary>
    private sealed record Step(HarnAttempt[] Records, LinkCall? Result, LinkError? Error, long EndMs);
}
