using RouteShadow.Testing.Generators;

namespace RouteShadow.Testing.Fuzzing;

/// <summary>What a <see cref="ParityFuzzer"/> run generates.</summary>
public sealed record FuzzOptions
{
    /// <summary>How many cases to generate. Default 10 000.</summary>
    public int Cases { get; init; } = 10_000;

    /// <summary>The run's seed: the same seed generates the same cases and finds the same examples. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Which states cases start from. Default <see cref="ScenarioMode.FreeForm"/>.</summary>
    public ScenarioMode Mode { get; init; } = ScenarioMode.FreeForm;

    /// <summary>
    /// Stop generating after this long (checked between batches of cases, so the cases run are
    /// always the first ones of the run). Default none.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>How many cores to use. Default all; the result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
