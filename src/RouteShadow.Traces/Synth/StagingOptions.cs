namespace RouteShadow.Traces.Synth;

/// <summary>What <c>routeshadow synth --shadow-mismatches</c> generates: a staging box's control trace with the shadow trace on.</summary>
/// <param name="Mismatches">How many <c>route_executor_shadow_mismatch</c> events to write.</param>
public sealed record StagingOptions(int Mismatches, ulong Seed)
{
    /// <summary>When the first event is logged (unix ms).</summary>
    public long StartMs { get; init; } = 1_778_716_800_000;

    /// <summary>The mean time between two mismatches.</summary>
    public double MeanGapMs { get; init; } = 20_000;

    /// <summary>How many of the last events stay in the active file; the rest went into a rotated file.</summary>
    public int ActiveEvents { get; init; } = 100;

    /// <summary>One damaged line (cut, not JSON, or missing a field) per this many events; 0 none.</summary>
    public int MalformedEvery { get; init; } = 400;

    /// <summary>Compress the rotated file (<c>control_trace.&lt;ms&gt;.jsonl.gz</c>).</summary>
    public bool Gzip { get; init; }
}

/// <summary>What was written: the files and how many lines of each kind.</summary>
public sealed record StagingResult(IReadOnlyList<string> Files, string ConfigPath, int Mismatches, int MalformedLines);
