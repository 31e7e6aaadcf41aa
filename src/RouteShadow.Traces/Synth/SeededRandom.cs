namespace RouteShadow.Traces.Synth;

/// <summary>
/// A small seeded generator (xoshiro256**, seeded through SplitMix64): the same seed gives the same
/// sequence on every machine and runtime, which <c>System.Random</c>'s seeded mode does not promise.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="exclusiveMax"/>).</summary>
    public int Next(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Between(long min, long max) => min + (long)(NextDouble() * (max - min + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>An exponentially distributed value with the given mean (inter-arrival times).</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
