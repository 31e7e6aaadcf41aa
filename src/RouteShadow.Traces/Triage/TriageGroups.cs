using RouteShadow.Core.Shadow;
using RouteShadow.Traces.Replay;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// Production's mismatch events grouped by <see cref="MismatchSignature.OfShape"/>. Memory is
/// bounded by the number of groups, which is capped: events of a new shape past the cap are
/// counted as <see cref="Ungrouped"/>, never dropped silently.
/// </summary>
public sealed class TriageGroups(int maxGroups = TriageGroups.DefaultMaxGroups)
{
    public const int DefaultMaxGroups = 10_000;

    private readonly Dictionary<string, TriageGroup> _bySignature = new(StringComparer.Ordinal);

    public long Events { get; private set; }

    public long Ungrouped { get; private set; }

    public int Count => _bySignature.Count;

    /// <summary>The groups, largest first (then by signature, so the order is the same on every run).</summary>
    public IReadOnlyList<TriageGroup> Ordered =>
        [.. _bySignature.Values.OrderByDescending(g => g.Count).ThenBy(g => g.Signature, StringComparer.Ordinal)];

    public void Add(MismatchEvent mismatch)
    {
        Events++;
        var signature = MismatchSignature.OfShape(mismatch.LegacyAttempts, mismatch.ExecutorAttempts);
        if (!_bySignature.TryGetValue(signature, out var group))
        {
            if (_bySignature.Count >= maxGroups)
            {
                Ungrouped++;
                return;
            }

            _bySignature[signature] = group = new TriageGroup(signature, mismatch);
        }

        group.Add(mismatch);
    }

    /// <summary>Re-runs every group not yet re-run; a group is re-run once, from its first event.</summary>
    public void Reproduce(MismatchReproducer reproducer, CancellationToken cancellationToken = default)
    {
        foreach (var group in _bySignature.Values.Where(g => g.Reproduction is null).OrderBy(g => g.Signature, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            group.Reproduction = reproducer.Reproduce(group.Sample, $"triage {group.Id}: {group.Signature}");
        }
    }

    /// <summary>The counts <c>--format json</c> prints; events per class count every class of a reproduced group.</summary>
    public TriageSummary Summary(long malformedLines)
    {
        var groups = Ordered;
        var reproduced = groups.Where(g => g.Reproduction?.Verdict == TriageVerdict.Reproduced).ToList();
        var classes = Enum.GetValues<DivergenceClass>()
            .Select(c => (Class: c, Events: reproduced.Where(g => g.Reproduction!.Classes.Contains(c)).Sum(g => g.Count)))
            .Where(c => c.Events > 0)
            .Select(c => (c.Class.WireName(), c.Events))
            .ToList();
        return new TriageSummary(Events, malformedLines, groups.Count, reproduced.Count,
            groups.Count(g => g.Reproduction?.Verdict == TriageVerdict.ModelGap), classes, Ungrouped);
    }
}
