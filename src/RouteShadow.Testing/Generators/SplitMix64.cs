namespace RouteShadow.Testing.Generators;

/// <summary>
/// The seeded pseudo-random source every scenario is drawn from (SplitMix64). Small and fast, so
/// the fuzzer can draw tens of thousands of scenarios a second; seeded explicitly, so a seed
/// always draws the same scenario.
/// </summary>
internal sealed class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private ulong _state;

    /// <remarks>
    /// The seed is mixed first: neighbouring seeds (the fuzzer's case seeds step by a constant)
    /// must not start neighbouring, overlapping streams.
    /// </remarks>
    public SplitMix64(ulong seed) => _state = Mix(seed);

    public ulong NextUInt64() => Mix(_state += Gamma);

    /// <summary>A value in [0, <paramref name="bound"/>), by multiply-shift (its bias is far below 2^-32).</summary>
    public int Below(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Chance(int percent) => Below(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
