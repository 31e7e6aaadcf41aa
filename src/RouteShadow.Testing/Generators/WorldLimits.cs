namespace RouteShadow.Testing.Generators;

/// <summary>
/// How large a drawn scenario may grow at a given size. FsCheck grows the size from 0 as a
/// property runs, so its first cases are tiny worlds; the fuzzer always draws at the full size.
/// Even the full size stays small: every known divergence needs at most two stations and three
/// upstreams, and small worlds make collisions and sticky upstreams likely.
/// </summary>
internal readonly record struct WorldLimits(int Stations, int UpstreamsPerStation, int EventsPerStation, int HistorySteps)
{
    public static WorldLimits AtSize(int size)
    {
        var s = Math.Clamp(size, 0, ScenarioGen.MaxSize);
        return new WorldLimits(
            Stations: 1 + Math.Min(2, s / 25),
            UpstreamsPerStation: 1 + Math.Min(3, s / 15),
            EventsPerStation: Math.Min(5, s / 10),
            HistorySteps: 1 + Math.Min(7, s / 8));
    }
}
