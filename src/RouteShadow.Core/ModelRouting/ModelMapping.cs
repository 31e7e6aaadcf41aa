namespace RouteShadow.Core.ModelRouting;

/// <summary>
/// codex-helper's <c>effective_model</c>: the model name sent upstream for a requested model.
/// Not part of the shadow diff (it runs after selection), but ported for reproductions and replay.
/// </summary>
/// <remarks>
/// Two places where the reference is not deterministic are made so here:
/// <list type="bullet">
/// <item>Equal-specificity wildcard patterns: the reference keeps whichever its randomised HashMap
/// yields first. We keep the ordinally smallest pattern, and report the tie.</item>
/// <item>A pattern whose prefix and suffix overlap in the model (<c>ab*ba</c> on <c>aba</c>): the
/// reference panics slicing the middle. We treat the captured middle as empty, and report it.</item>
/// </list>
/// </remarks>
public static class ModelMapping
{
    public static string EffectiveModel(IReadOnlyDictionary<string, string> mapping, string model) =>
        Resolve(mapping, model).Model;

    /// <summary>The effective model and how it was decided.</summary>
    public static EffectiveModelResult Resolve(IReadOnlyDictionary<string, string> mapping, string model)
    {
        if (mapping.Count == 0)
        {
            return new(model, null, EffectiveModelNote.None);
        }

        if (mapping.TryGetValue(model, out var exact))
        {
            return new(exact, model, EffectiveModelNote.None);
        }

        string? best = null;
        var bestSpecificity = -1;
        var tie = false;
        foreach (var pattern in mapping.Keys)
        {
            if (!Wildcard.TrySplit(pattern, out var prefix, out var suffix) || !Wildcard.Matches(pattern, model))
            {
                continue;
            }

            var specificity = System.Text.Encoding.UTF8.GetByteCount(prefix) + System.Text.Encoding.UTF8.GetByteCount(suffix);
            if (specificity > bestSpecificity)
            {
                (best, bestSpecificity, tie) = (pattern, specificity, false);
            }
            else if (specificity == bestSpecificity)
            {
                tie = true;
                if (string.CompareOrdinal(pattern, best) < 0)
                {
                    best = pattern;
                }
            }
        }

        if (best is null)
        {
            return new(model, null, EffectiveModelNote.None);
        }

        var (result, overlapped) = Apply(best, mapping[best], model);
        var note = (tie ? EffectiveModelNote.SpecificityTie : EffectiveModelNote.None)
                   | (overlapped ? EffectiveModelNote.OverlappingWildcard : EffectiveModelNote.None);
        return new(result, best, note);
    }

    private static (string Result, bool Overlapped) Apply(string pattern, string replacement, string model)
    {
        var star = replacement.IndexOf('*', StringComparison.Ordinal);
        if (star < 0 || !Wildcard.TrySplit(pattern, out var prefix, out var suffix))
        {
            return (replacement, false);
        }

        var overlapped = prefix.Length + suffix.Length > model.Length;
        var middle = overlapped ? string.Empty : model[prefix.Length..^suffix.Length];
        return (string.Concat(replacement.AsSpan(0, star), middle, replacement.AsSpan(star + 1)), overlapped);
    }
}

/// <summary>The outcome of <see cref="ModelMapping.Resolve"/>.</summary>
/// <param name="Model">The model name to send upstream.</param>
/// <param name="MatchedKey">The mapping key used, or null when the model passes through unchanged.</param>
/// <param name="Note">Where the reference would have behaved non-deterministically or panicked.</param>
public readonly record struct EffectiveModelResult(string Model, string? MatchedKey, EffectiveModelNote Note);

[Flags]
public enum EffectiveModelNote
{
    None = 0,

    /// <summary>Several patterns had the same specificity; the ordinally smallest was used.</summary>
    SpecificityTie = 1,

    /// <summary>The pattern's prefix and suffix overlapped in the model; the reference panics here.</summary>
    OverlappingWildcard = 2,
}
