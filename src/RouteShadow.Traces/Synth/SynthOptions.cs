namespace RouteShadow.Traces.Synth;

/// <summary>What <c>routeshadow synth</c> generates. Equal options give byte-identical files.</summary>
/// <param name="Requests">How many requests (lines of <c>requests.jsonl</c>).</param>
/// <param name="Seed">Seeds the arrivals, models, sessions and faults.</param>
public sealed record SynthOptions(long Requests, ulong Seed)
{
    /// <summary>The first request's start: 2026-05-14T00:00:00Z unless set (a trace never depends on the wall clock).</summary>
    public long StartMs { get; init; } = 1_778_716_800_000;

    /// <summary>The mean time between request starts.</summary>
    public double MeanGapMs { get; init; } = 1_500;

    /// <summary>The proxy restarts (ids from 1, state wiped) after this many requests; 0 for never.</summary>
    public long RestartEvery { get; init; } = 250_000;

    /// <summary>The config to simulate; null for <see cref="SampleConfig"/>, which is then written next to the traces.</summary>
    public string? ConfigPath { get; init; }
}

/// <summary>The files a synthesis wrote.</summary>
public sealed record SynthResult(string RequestsPath, string TracePath, string ConfigPath, long Requests, long TraceEvents);
