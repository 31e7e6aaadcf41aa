using RouteShadow.Core.Engines;

namespace RouteShadow.Core.Shadow;

/// <summary>One field that differs between the two attempts at one position.</summary>
/// <param name="Legacy">The legacy value, rendered as JSON text.</param>
/// <param name="Executor">The executor value, rendered as JSON text.</param>
public sealed record FieldDifference(int Position, string Field, string Legacy, string Executor);

/// <summary>
/// A structured diff of two attempt lists: where they first part, which fields differ position by
/// position, and which upstreams (<c>station#index</c> with decision) one side tries and the other never does.
/// </summary>
public sealed record AttemptDiff(
    int? FirstDivergence,
    IReadOnlyList<FieldDifference> Fields,
    IReadOnlyList<ShadowAttempt> OnlyInLegacy,
    IReadOnlyList<ShadowAttempt> OnlyInExecutor)
{
    public static AttemptDiff None { get; } = new(null, [], [], []);

    public static AttemptDiff Between(IReadOnlyList<ShadowAttempt> legacy, IReadOnlyList<ShadowAttempt> executor)
    {
        var common = Math.Min(legacy.Count, executor.Count);
        int? first = null;
        List<FieldDifference>? fields = null;
        for (var i = 0; i < common; i++)
        {
            // Equal attempts render equal fields: skipping them avoids most of a diff's string work.
            if (legacy[i].Equals(executor[i]))
            {
                continue;
            }

            var before = fields?.Count ?? 0;
            for (var f = 0; f < AttemptFields.All.Count; f++)
            {
                var field = AttemptFields.All[f];
                if (field.Same(legacy[i], executor[i]))
                {
                    continue;
                }

                var (l, e) = (field.Render(legacy[i]), field.Render(executor[i]));
                if (!string.Equals(l, e, StringComparison.Ordinal))
                {
                    (fields ??= []).Add(new FieldDifference(i, field.Name, l, e));
                }
            }

            first ??= fields?.Count > before ? i : null;
        }

        if (first is null && legacy.Count != executor.Count)
        {
            first = common;
        }

        return first is null
            ? None
            : new AttemptDiff(first, fields ?? [], OneSided(legacy, executor), OneSided(executor, legacy));
    }

    /// <summary>The attempts of <paramref name="side"/> whose upstream and decision <paramref name="other"/> never has.</summary>
    private static List<ShadowAttempt> OneSided(IReadOnlyList<ShadowAttempt> side, IReadOnlyList<ShadowAttempt> other)
    {
        var only = new List<ShadowAttempt>();
        for (var i = 0; i < side.Count; i++)
        {
            if (!Tries(other, side[i]))
            {
                only.Add(side[i]);
            }
        }

        return only;
    }

    private static bool Tries(IReadOnlyList<ShadowAttempt> attempts, ShadowAttempt like)
    {
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            if (attempt.Decision == like.Decision && attempt.UpstreamIndex == like.UpstreamIndex
                && string.Equals(attempt.StationName, like.StationName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
