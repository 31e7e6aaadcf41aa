using System.Runtime.InteropServices;

namespace RouteShadow.Cli.Hosting;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM as a cancellation the running command observes, so it can stop
/// cleanly (shut its servers down, finish its output). A second signal is left to end the process
/// the usual way, should the command not stop.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    // A PosixSignalRegistration unregisters itself when it is finalized: rooted here, the handlers
    // cannot be collected away while the process idles on the token (reproduce --keep-running).
    private static StopSignals? s_installed;

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
        s_installed = this;
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;

        // Off the signal's thread: the command's whole shutdown runs in the token's callbacks.
        _ = _stop.CancelAsync();
    }

    public void Dispose()
    {
        s_installed = null;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
