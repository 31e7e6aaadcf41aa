using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// Production's mismatch events grouped into distinct problems: by the shape of their divergence
/// (<see cref="MismatchSignature.OfShape"/>) and by what re-running them through the C# engines
/// showed — reproduced with which divergence classes, or a model gap — so that a group's verdict
/// and classes hold for every event in it. Each distinct walk
/// (<see cref="MismatchSignature.OfWalk"/>) is re-run once. Memory is bounded: groups and
/// remembered walks are capped, and events of a new group past the cap are counted as
/// <see cref="Ungrouped"/>, never dropped silently.
/// </summary>
public sealed class TriageGroups(MismatchReproducer reproducer, int maxGroups = TriageGroups.DefaultMaxGroups)
{
    public const int DefaultMaxGroups = 10_000;

    /// <summary>Walks remembered per allowed group; a group gathers a few walks (unrelated attempts before the divergence differ).</summary>
    private const int RememberedWalksPerGroup = 4;

    private readonly Dictionary<string, TriageGroup> _bySignature = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Reproduction> _byWalk = new(StringComparer.Ordinal);

    public long Events { get; private set; }

    public long Ungrouped { get; private set; }

    public int Count => _bySignature.Count;

    /// <summary>The groups, largest first (then by signature, so the order is the same on every run).</summary>
    public IReadOnlyList<TriageGroup> Ordered =>
        [.. _bySignature.Values.OrderByDescending(g => g.Count).ThenBy(g => g.Signature, StringComparer.Ordinal)];

    public void Add(MismatchEvent mismatch)
    {
        Events++;
        var walk = MismatchSignature.OfWalk(mismatch.LegacyAttempts, mismatch.ExecutorAttempts);
        if (!_byWalk.TryGetValue(walk, out var reproduction))
        {
            reproduction = reproducer.Reproduce(mismatch);
            if (_byWalk.Count < RememberedWalksPerGroup * maxGroups)
            {
                _byWalk[walk] = reproduction;
            }
        }

        var signature = MismatchSignature.OfShape(mismatch.LegacyAttempts, mismatch.ExecutorAttempts) + " => " + Outcome(reproduction);
        if (!_bySignature.TryGetValue(signature, out var group))
        {
            if (_bySignature.Count >= maxGroups)
            {
                Ungrouped++;
                return;
            }

            _bySignature[signature] = group = new TriageGroup(signature, mismatch, reproduction);
        }

        group.Add(mismatch);
    }

    /// <summary>The counts <c>--format json</c> prints; events per class count every class of a reproduced group.</summary>
    public TriageSummary Summary(long malformedLines)
    {
        var groups = Ordered;
        var reproduced = groups.Where(g => g.Reproduction.Verdict == TriageVerdict.Reproduced).ToList();
        var classes = Enum.GetValues<DivergenceClass>()
            .Select(c => (Class: c, Events: reproduced.Where(g => g.Reproduction.Classes.Contains(c)).Sum(g => g.Count)))
            .Where(c => c.Events > 0)
            .Select(c => (c.Class.WireName(), c.Events))
            .ToList();
        return new TriageSummary(Events, malformedLines, groups.Count, reproduced.Count, groups.Count - reproduced.Count, classes, Ungrouped);
    }

    private static string Outcome(Reproduction reproduction) => reproduction.Verdict == TriageVerdict.Reproduced
        ? string.Join("+", reproduction.Classes.Select(c => c.WireName()))
        : TriageVerdict.ModelGap.WireName();
}
