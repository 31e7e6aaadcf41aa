namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// What calling a link does, scripted: after <paramref name="Ms"/> of virtual time it returns a
/// result or an <paramref name="Error"/>. The call's own timeout and budget preflight can end it
/// earlier; the script is what the provider would do if let.
/// </summary>
/// <param name="OutputTokens">Tokens the result bills (with the request's input tokens).</param>
/// <param name="ReportedModel">The model the result reports, when it differs from the link's (an alias or dated id; H8).</param>
public sealed record LinkOutcome(long Ms, LinkError? Error = null, long OutputTokens = 0, string? ReportedModel = null)
{
    /// <summary>A link with no scripted outcome answers after 100 ms.</summary>
    public static LinkOutcome Default { get; } = new(100);
}
