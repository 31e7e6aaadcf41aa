namespace RouteShadow.Core.Engines.Harn;

/// <summary>Milliseconds on the virtual clock a harn call is played on.</summary>
internal static class VirtualTime
{
    /// <summary><paramref name="ms"/> after <paramref name="at"/>; the clock stops at its end rather than wrap.</summary>
    public static long After(long at, long ms) => at > long.MaxValue - ms ? long.MaxValue : at + ms;
}
