namespace RouteShadow.Testing.Checks;

/// <summary>
/// Spec C CR15 / D.5 §4: affinity memory never holds more entries than there are distinct live
/// sessions, and once every session has outlived its TTL it is empty — without any further read.
/// </summary>
public static class AffinityMemoryBounded
{
    public const string Name = "affinity_memory_bounded";

    /// <param name="steps">What the session goes through; memory is measured after each.</param>
    /// <param name="memory">How many affinity entries the engine holds.</param>
    /// <param name="liveSessions">How many distinct sessions are still within their TTL.</param>
    /// <param name="outliveAll">Moves time past every session's TTL, touching nothing else.</param>
    public static CheckViolation? Check<TSession>(
        TSession session, IEnumerable<Action<TSession>> steps, Func<TSession, int> memory, Func<TSession, int> liveSessions, Action<TSession> outliveAll)
    {
        var all = steps.ToList();
        var played = all.Count;
        var step = 0;
        foreach (var play in all.Append(outliveAll))
        {
            play(session);
            step++;
            var (held, live) = (memory(session), liveSessions(session));
            if (held > live)
            {
                var when = step > played ? "once every session expired" : $"after step {step}";
                return new CheckViolation(Name, $"{when} it holds {held} entries for {live} live sessions");
            }
        }

        return null;
    }
}
