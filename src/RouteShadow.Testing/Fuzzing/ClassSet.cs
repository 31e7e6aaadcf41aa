using RouteShadow.Core.Shadow;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>
/// The divergence classes of one comparison as a bit set, so a fuzz batch keeps one integer per
/// case. Empty means the engines agree; an engine error counts as <see cref="DivergenceClass.Unclassified"/>,
/// since nothing known explains it.
/// </summary>
internal readonly record struct ClassSet(int Bits)
{
    public bool IsEmpty => Bits == 0;

    /// <summary>Exactly one class.</summary>
    public bool IsSingle => Bits != 0 && (Bits & (Bits - 1)) == 0;

    public static ClassSet Of(ShadowComparison comparison) => comparison.Verdict switch
    {
        ShadowVerdict.Match => default,
        ShadowVerdict.Mismatch => new ClassSet(comparison.Classes.Aggregate(0, (bits, c) => bits | Bit(c))),
        _ => new ClassSet(Bit(DivergenceClass.Unclassified)),
    };

    public bool Contains(DivergenceClass divergence) => (Bits & Bit(divergence)) != 0;

    public bool IsSubsetOf(ClassSet other) => (Bits & ~other.Bits) == 0;

    public IEnumerable<DivergenceClass> Classes() => Enum.GetValues<DivergenceClass>().Where(Contains);

    private static int Bit(DivergenceClass divergence) => 1 << (int)divergence;
}
