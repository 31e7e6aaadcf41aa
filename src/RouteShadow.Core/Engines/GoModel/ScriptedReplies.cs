namespace RouteShadow.Core.Engines.GoModel;

/// <summary>An upstream's answer: 200 is success, anything else is a gateway error with that status and message.</summary>
public sealed record UpstreamReply(int Status, string Message = "")
{
    public static UpstreamReply Ok { get; } = new(200);

    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>How the gateway reaches an upstream: the request of step <paramref name="step"/> sent to <paramref name="target"/>, and its answer.</summary>
public delegate UpstreamReply UpstreamCall(int step, PoolCandidate target);

/// <summary>
/// Per <c>provider/model</c>, the answers it gives in dispatch order across the whole run; the last
/// repeats, and a candidate with no script always succeeds.
/// </summary>
public sealed record ScriptedReplies(IReadOnlyDictionary<string, IReadOnlyList<UpstreamReply>> ByCandidate)
{
    public static ScriptedReplies AllSucceed { get; } = new(new Dictionary<string, IReadOnlyList<UpstreamReply>>());

    /// <summary>A fresh reading position for one run.</summary>
    public Cursor Start() => new(this);

    /// <summary>Where one run is in every candidate's script.</summary>
    public sealed class Cursor(ScriptedReplies script)
    {
        private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

        /// <summary>The next answer of <paramref name="target"/>; an <see cref="UpstreamCall"/>, so the step is not used.</summary>
        public UpstreamReply Next(int step, PoolCandidate target)
        {
            var candidate = target.Qualified;
            if (!script.ByCandidate.TryGetValue(candidate, out var replies) || replies.Count == 0)
            {
                return UpstreamReply.Ok;
            }

            var at = _next.GetValueOrDefault(candidate);
            _next[candidate] = at + 1;
            return replies[Math.Min(at, replies.Count - 1)];
        }
    }
}
