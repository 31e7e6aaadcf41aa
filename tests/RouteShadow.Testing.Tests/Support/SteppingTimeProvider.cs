namespace RouteShadow.Testing.Tests.Support;

/// <summary>A clock whose every reading is one second after the last: time passes only when looked at.</summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private long _seconds;

    public override long TimestampFrequency => 1;

    public override long GetTimestamp() => _seconds++;
}
