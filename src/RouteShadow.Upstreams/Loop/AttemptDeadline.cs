namespace RouteShadow.Upstreams.Loop;

/// <summary>
/// How long one HTTP exchange, send and body, may take on the injected clock: an attempt of the
/// loop, or a request through an external proxy. For the loop, running out is a wire failure of
/// the <c>timeout</c> kind, the way a reqwest timeout reaches codex-helper as a send or body-read
/// error; the caller's own cancellation stays a cancellation.
/// </summary>
internal sealed class AttemptDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    public AttemptDeadline(TimeSpan timeout, TimeProvider clock, CancellationToken caller)
    {
        _timer = new CancellationTokenSource(timeout, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
        _caller = caller;
    }

    /// <summary>Cancelled when the deadline runs out or the caller cancels.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>True when <paramref name="exception"/> is this deadline running out, not the caller cancelling.</summary>
    public bool Expired(Exception exception) =>
        exception is OperationCanceledException && _timer.IsCancellationRequested && !_caller.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
