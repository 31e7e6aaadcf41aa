namespace RouteShadow.Testing.Generators;

/// <summary>
/// The seeded pseudo-random source every scenario is drawn from (SplitMix64). Small and fast, so
/// the fuzzer can draw tens of thousands of scenarios a second; seeded explicitly, so a seed
/// always draws the same scenario.
/// </summary>
/// <remarks>
/// The seed is mixed first: the fuzzer's case seeds step by this generator's own gamma, and
/// unmixed they would start overlapping streams, each one draw ahead of the last.
/// </remarks>
internal sealed class SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    private ulong _state = Mix(seed);

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
