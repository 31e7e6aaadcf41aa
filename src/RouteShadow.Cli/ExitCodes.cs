namespace RouteShadow.Cli;

/// <summary>The exit codes of <c>routeshadow</c>, documented in its help.</summary>
internal static class ExitCodes
{
    /// <summary>Every scenario matches or meets its expect block.</summary>
    public const int Success = 0;

    /// <summary>A mismatch, a failed expectation or an engine error.</summary>
    public const int Failure = 1;

    /// <summary>Bad input or a usage error: nothing after it can be trusted to be complete.</summary>
    public const int InputError = 2;
}
