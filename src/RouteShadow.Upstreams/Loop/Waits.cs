namespace RouteShadow.Upstreams.Loop;

/// <summary>
/// Sleeps codex-helper's waits on an injected clock, scaled down so a reproduction stays fast
/// while the nominal waits are still reported.
/// </summary>
/// <param name="Scale">Real time per nominal millisecond: 1 waits for real, 0.01 (the default) a hundredth of it.</param>
public sealed record Waits(TimeProvider Clock, double Scale = Waits.DefaultScale)
{
    public const double DefaultScale = 0.01;

    public Task WaitAsync(long nominalMs, CancellationToken cancellationToken) =>
        nominalMs <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(nominalMs * Scale), Clock, cancellationToken);
}
