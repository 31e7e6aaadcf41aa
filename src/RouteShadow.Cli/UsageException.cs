namespace RouteShadow.Cli;

/// <summary>
/// The command line names something that cannot be used (a missing file, say). Reported as one
/// line without a stack trace; the process exits with <see cref="ExitCodes.InputError"/>.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
