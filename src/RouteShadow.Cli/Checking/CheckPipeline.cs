using System.Buffers;
using RouteShadow.Cli.Input;
using RouteShadow.Cli.Output;
using RouteShadow.Core.Scenarios;

namespace RouteShadow.Cli.Checking;

/// <summary>
/// Reads, checks and writes scenarios on every core while keeping input order: each chunk of inputs
/// is cut into small ranges that run in parallel, each into its own buffer, and the buffers are then
/// written out in order.
/// </summary>
internal sealed class CheckPipeline(ScenarioCheck check, IResultWriter writer)
{
    // Small enough to balance two cores at the end of a chunk, large enough to amortise scheduling.
    private const int RangeSize = 32;

    /// <summary>Checks every input; reports each malformed one to <paramref name="onError"/>, in input order.</summary>
    public CheckTally Run(ScenarioSource source, Stream output, Action<InputError> onError, CancellationToken cancellationToken)
    {
        var tally = new CheckTally();
        var ranges = new List<RangeOutput>();
        // One worker per core: more only time-slice the same cores and thrash their caches.
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        foreach (var chunk in source.Chunks)
        {
            var count = (chunk.Count + RangeSize - 1) / RangeSize;
            while (ranges.Count < count)
            {
                ranges.Add(new RangeOutput());
            }

            Parallel.For(0, count, parallel, r => Check(source.Read, chunk, r * RangeSize, Math.Min(chunk.Count, (r + 1) * RangeSize), ranges[r]));
            foreach (var range in ranges.Take(count))
            {
                output.Write(range.Bytes.WrittenSpan);
                tally.Add(range.Tally);
                range.Errors.ForEach(onError);
                range.Clear();
            }
        }

        output.Flush();
        return tally;
    }

    private void Check(Func<ReadOnlySpan<byte>, Scenario> read, IReadOnlyList<ScenarioInput> chunk, int from, int to, RangeOutput range)
    {
        for (var i = from; i < to; i++)
        {
            if (Read(read, chunk[i], range) is not { } scenario)
            {
                continue;
            }

            if (scenario.GoModel is not null)
            {
                var gomodel = Testing.GoModel.GoModelCheckResult.Check(scenario);
                writer.WriteResult(gomodel, range.Bytes);
                range.Tally.Add(gomodel.Verdict);
                continue;
            }

            if (scenario.Harn is not null)
            {
                var harn = Core.Scenarios.Harn.HarnCheckResult.Check(scenario);
                writer.WriteResult(harn, range.Bytes);
                range.Tally.Add(harn.Verdict);
                continue;
            }

            var result = check.Check(scenario);
            writer.WriteResult(result, range.Bytes);
            range.Tally.Add(result.Verdict);
        }
    }

    /// <summary>The input's scenario, or null once its error is written and counted.</summary>
    private Scenario? Read(Func<ReadOnlySpan<byte>, Scenario> read, ScenarioInput input, RangeOutput range)
    {
        InputError error;
        try
        {
            return read(input.Utf8.Span);
        }
        catch (ScenarioFormatException ex)
        {
            error = InputError.At(input, ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reader should throw only ScenarioFormatException; anything else is still this input's fault, not the batch's.
            error = new InputError(input.Source, input.Line, "$", $"unreadable: {ex.GetType().Name}: {ex.Message}");
        }

        writer.WriteError(error, range.Bytes);
        range.Tally.AddMalformed();
        range.Errors.Add(error);
        return null;
    }

    /// <summary>What one range produced, reused from chunk to chunk.</summary>
    private sealed class RangeOutput
    {
        public ArrayBufferWriter<byte> Bytes { get; } = new();

        public CheckTally Tally { get; } = new();

        public List<InputError> Errors { get; } = [];

        public void Clear()
        {
            Bytes.ResetWrittenCount();
            Tally.Clear();
            Errors.Clear();
        }
    }
}
