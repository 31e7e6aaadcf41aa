namespace RouteShadow.Core.LoadBalancing;

/// <summary>
/// A small ordered set of upstream indices: a station's avoid set. Kept sorted so it reads out
/// ascending, as the shadow report's <c>avoid_for_station</c> must.
/// </summary>
public sealed class IndexSet
{
    private readonly List<int> _sorted = [];

    public int Count => _sorted.Count;

    public bool Contains(int index) => _sorted.BinarySearch(index) >= 0;

    /// <summary>Adds <paramref name="index"/>; false when it was already present.</summary>
    public bool Add(int index)
    {
        var at = _sorted.BinarySearch(index);
        if (at >= 0)
        {
            return false;
        }

        _sorted.Insert(~at, index);
        return true;
    }

    /// <summary>How many members are below <paramref name="bound"/>.</summary>
    public int CountBelow(int bound)
    {
        var at = _sorted.BinarySearch(bound);
        return at >= 0 ? at : ~at;
    }

    /// <summary>
    /// True when a station of <paramref name="upstreamCount"/> upstreams has every index avoided
    /// (codex-helper <c>station_upstreams_exhausted</c>; indices past the end do not count).
    /// </summary>
    public bool Exhausts(int upstreamCount) => upstreamCount > 0 && CountBelow(upstreamCount) >= upstreamCount;

    public int[] ToArray() => [.. _sorted];

    /// <summary>Empties the set, keeping its storage for the next station.</summary>
    public void Clear() => _sorted.Clear();
}
