using Microsoft.Extensions.Hosting;

namespace RouteShadow.Cli.Hosting;

/// <summary>A host lifetime that installs nothing: the code that started the host stops it.</summary>
internal sealed class CallerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
