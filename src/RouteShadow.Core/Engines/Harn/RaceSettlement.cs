namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// How a started race ends (seed-engines A.5), on the virtual clock with t0 at the primary's start:
/// the backup starts at <c>race_after_ms</c>; ties go to the primary, then the backup, then the
/// deadline (the select is biased).
/// </summary>
/// <param name="Records">Primary then backup. In the seed, failed records carry no error: the executor attaches one snapshot to the first.</param>
/// <param name="Winner">The racer whose result ends the race (0 primary, 1 backup), successful or not; null when the deadline or a double failure ended it.</param>
/// <param name="Error">The race's error when it produced no result.</param>
internal sealed record RaceSettlement(HarnAttempt[] Records, int? Winner, LinkError? Error, long EndMs, IReadOnlyList<(string Name, string Reason)> Events)
{
    public const string DeadlineMessage = "routing_policy: race exhausted both primary and backup attempts";

    public static RaceSettlement Settle(HarnVariant variant, LinkCall primary, LinkCall backup, HarnAttempt[] records, long raceAfterMs, long primaryTimeoutMs)
    {
        long[] ends = [primary.Ms, VirtualTime.After(raceAfterMs, backup.Ms)];
        LinkCall[] calls = [primary, backup];
        long[] starts = [0, raceAfterMs];
        var raceDeadline = VirtualTime.After(primaryTimeoutMs, raceAfterMs);

        // The deadline's timer starts with the race, so it fires at 2·race_after + primary_timeout after t0 (H3).
        long? deadlineAt = variant.RaceDeadline ? VirtualTime.After(raceAfterMs, raceDeadline) : null;
        var order = ends[1] < ends[0] ? new[] { 1, 0 } : [0, 1];
        var finished = new bool[2];
        foreach (var racer in order)
        {
            if (deadlineAt is { } deadline && deadline < ends[racer])
            {
                return Deadline(variant, records, finished, deadline, raceDeadline);
            }

            finished[racer] = true;
            var call = calls[racer];
            records[racer] = records[racer] with
            {
                Status = call.Succeeded ? HarnAttemptStatus.Succeeded : HarnAttemptStatus.Failed,
                DurationMs = ends[racer] - starts[racer],
                Error = call.Succeeded || variant.FirstFinisherWins ? null : call.Error!.Snapshot(),
            };
            var other = 1 - racer;
            if (call.Succeeded || variant.FirstFinisherWins)
            {
                if (finished[other])
                {
                    return new RaceSettlement(records, racer, null, ends[racer], [("race_won", string.Empty)]);
                }

                // The other racer's future is dropped: its in-flight call is cancelled and never costed.
                records[other] = records[other] with { Status = HarnAttemptStatus.RaceLost, DurationMs = ends[racer] - starts[other] };
                var reason = racer == 0 ? "primary_finished_first" : "backup_finished_first";
                return new RaceSettlement(records, racer, null, ends[racer], [("race_won", string.Empty), ("race_lost", reason)]);
            }
        }

        // Both failed (only when the first success wins): the later link's error decides, as it would in sequence.
        return new RaceSettlement(records, null, backup.Error, Math.Max(ends[0], ends[1]), []);
    }

    private static RaceSettlement Deadline(HarnVariant variant, HarnAttempt[] records, bool[] finished, long deadlineAt, long raceDeadline)
    {
        var error = LinkError.ThrownString(DeadlineMessage);
        for (var racer = 0; racer < 2; racer++)
        {
            if (!finished[racer])
            {
                records[racer] = records[racer] with
                {
                    Status = HarnAttemptStatus.Failed,
                    DurationMs = raceDeadline,
                    Error = variant.FirstFinisherWins ? null : error.Snapshot(),
                };
            }
        }

        return new RaceSettlement(records, null, error, deadlineAt, []);
    }
}
