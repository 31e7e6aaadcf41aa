using RouteShadow.Core.World;

namespace RouteShadow.Core.LoadBalancing;

/// <summary>
/// The legacy load balancer's runtime state for one station (codex-helper <c>LbState</c>):
/// per-upstream vectors indexed like the layout they were recorded under, plus the station's
/// sticky "last good" upstream. Times are milliseconds on the comparison's monotonic clock.
/// </summary>
/// <remarks>
/// Production keeps an invariant the type does not enforce — an active cooldown implies
/// <c>failure_count &gt;= 3</c> — and states that break it are a known source of divergence.
/// </remarks>
public sealed class LbState
{
    public uint[] FailureCounts { get; private set; } = [];

    /// <summary>When each upstream's cooldown ends; null for none.</summary>
    public long?[] CooldownUntil { get; private set; } = [];

    /// <summary>Set by codex-helper's usage poller, never by the load balancer itself.</summary>
    public bool[] UsageExhausted { get; private set; } = [];

    /// <summary>The backoff exponent: grows on each cooldown-triggering event, reset by a success.</summary>
    public uint[] PenaltyStreak { get; private set; } = [];

    /// <summary>The station's sticky upstream. May point past the end, in which case it never matches.</summary>
    public int? LastGoodIndex { get; set; }

    /// <summary>The layout signature the vectors were built for.</summary>
    public IReadOnlyList<string> UpstreamSignature { get; private set; } = [];

    /// <summary>A fresh state laid out for <paramref name="signature"/>.</summary>
    public static LbState LaidOutFor(LayoutSignature signature)
    {
        var state = new LbState();
        state.Reset(signature.Keys);
        return state;
    }

    public LbState Clone() => new()
    {
        FailureCounts = (uint[])FailureCounts.Clone(),
        CooldownUntil = (long?[])CooldownUntil.Clone(),
        UsageExhausted = (bool[])UsageExhausted.Clone(),
        PenaltyStreak = (uint[])PenaltyStreak.Clone(),
        LastGoodIndex = LastGoodIndex,
        UpstreamSignature = UpstreamSignature,
    };

    /// <summary>
    /// Makes the vectors match <paramref name="signature"/> (codex-helper <c>ensure_layout</c>):
    /// keeps them when the layout is unchanged, migrates each upstream's entries by key when it
    /// changed, and resets everything when either layout has duplicate keys.
    /// </summary>
    public void EnsureLayout(LayoutSignature signature)
    {
        if (signature.HasDuplicates)
        {
            Reset(signature.Keys);
        }
        else if (!IsLaidOutFor(signature))
        {
            Migrate(signature);
        }
    }

    /// <summary>
    /// True when <see cref="EnsureLayout"/> would leave this state as it is, so it can be read for
    /// <paramref name="signature"/> without a copy.
    /// </summary>
    public bool IsLaidOutFor(LayoutSignature signature)
    {
        var n = signature.Count;
        return !signature.HasDuplicates
               && SameKeys(UpstreamSignature, signature.Keys)
               && FailureCounts.Length == n && CooldownUntil.Length == n
               && UsageExhausted.Length == n && PenaltyStreak.Length == n;
    }

    /// <summary>
    /// The state <paramref name="stored"/> (possibly none) reads as once laid out for
    /// <paramref name="signature"/>: itself when no change is needed, else a laid-out copy.
    /// The caller must not write to the result.
    /// </summary>
    public static LbState ReadLaidOut(LbState? stored, LayoutSignature signature)
    {
        if (stored is not null && stored.IsLaidOutFor(signature))
        {
            return stored;
        }

        // A state that is not laid out gets fresh vectors from EnsureLayout (reset or migrated into),
        // so the copy may share the stored ones: they are only read.
        var copy = (LbState?)stored?.MemberwiseClone() ?? new LbState();
        copy.EnsureLayout(signature);
        return copy;
    }

    /// <summary>
    /// Re-keys the vectors for a layout whose upstreams are the same, position for position, but
    /// are named differently. Used to relabel a world without the load balancer migrating its state.
    /// </summary>
    internal void Resign(LayoutSignature signature)
    {
        if (signature.Count != FailureCounts.Length)
        {
            throw new InvalidOperationException("Resign needs a layout with the same number of upstreams.");
        }

        UpstreamSignature = signature.Keys;
    }

    /// <summary>
    /// A state recorded under <paramref name="signature"/>, made of the given vectors (each must
    /// match the layout's length; the state takes them over). A vector not given starts fresh.
    /// </summary>
    internal static LbState Recorded(
        LayoutSignature signature, uint[]? failureCounts, long?[]? cooldownUntil, bool[]? usageExhausted, uint[]? penaltyStreak)
    {
        var n = signature.Count;
        return new LbState
        {
            FailureCounts = failureCounts ?? new uint[n],
            CooldownUntil = cooldownUntil ?? new long?[n],
            UsageExhausted = usageExhausted ?? new bool[n],
            PenaltyStreak = penaltyStreak ?? new uint[n],
            UpstreamSignature = signature.Keys,
        };
    }

    /// <summary>Moves every cooldown deadline <paramref name="ms"/> earlier (the scenario clock advancing).</summary>
    internal void ShiftCooldowns(long ms)
    {
        for (var i = 0; i < CooldownUntil.Length; i++)
        {
            if (CooldownUntil[i] is { } until)
            {
                CooldownUntil[i] = until - ms;
            }
        }
    }

    private void Reset(string[] keys)
    {
        var n = keys.Length;
        FailureCounts = new uint[n];
        CooldownUntil = new long?[n];
        UsageExhausted = new bool[n];
        PenaltyStreak = new uint[n];
        LastGoodIndex = null;
        UpstreamSignature = keys;
    }

    private void Migrate(LayoutSignature signature)
    {
        var old = UpstreamSignature;
        if (old.Count == 0 || LayoutSignature.ContainsDuplicates(old))
        {
            Reset(signature.Keys);
            return;
        }

        var (counts, cooldowns, exhausted, streaks, lastGood) =
            (FailureCounts, CooldownUntil, UsageExhausted, PenaltyStreak, LastGoodIndex);
        Reset(signature.Keys);

        for (var i = 0; i < signature.Count; i++)
        {
            var from = PositionOf(old, signature.Keys[i]);
            if (from < 0 && signature.LegacyIsUnambiguous)
            {
                from = PositionOf(old, signature.LegacyKeys[i]);
            }

            if (from < 0)
            {
                continue;
            }

            FailureCounts[i] = from < counts.Length ? counts[from] : 0;
            CooldownUntil[i] = from < cooldowns.Length ? cooldowns[from] : null;
            UsageExhausted[i] = from < exhausted.Length && exhausted[from];
            PenaltyStreak[i] = from < streaks.Length ? streaks[from] : 0;
        }

        if (lastGood is { } l && l < old.Count)
        {
            var position = Array.IndexOf(signature.Keys, old[l]);
            if (position < 0 && signature.LegacyIsUnambiguous)
            {
                position = Array.IndexOf(signature.LegacyKeys, old[l]);
            }

            LastGoodIndex = position >= 0 ? position : null;
        }
    }

    /// <summary>
    /// Where <paramref name="key"/> is in a layout without duplicates, or -1. A scan: layouts hold a
    /// handful of keys, and every plan of a moved station migrates its state again.
    /// </summary>
    private static int PositionOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool SameKeys(IReadOnlyList<string> current, string[] wanted)
    {
        if (ReferenceEquals(current, wanted))
        {
            return true;
        }

        if (current.Count != wanted.Length)
        {
            return false;
        }

        for (var i = 0; i < wanted.Length; i++)
        {
            if (!string.Equals(current[i], wanted[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
