using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RouteShadow.Traces.Input;

/// <summary>
/// Runs a reader on its own thread, a bounded number of batches ahead of its consumer, so parsing
/// one log overlaps with replaying another on a second core. Memory stays bounded by the batches
/// in flight; an error in the reader is rethrown to the consumer.
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int batchSize = 4096, int batchesAhead = 4)
    {
        using var batches = new BlockingCollection<T[]>(batchesAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == batchSize)
                    {
                        batches.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                batches.Add([.. batch], stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early; nothing is waiting for the rest.
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                batches.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "routeshadow read-ahead" };
        producer.Start();
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }
}
