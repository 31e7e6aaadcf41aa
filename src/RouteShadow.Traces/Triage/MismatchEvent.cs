using RouteShadow.Core.Engines;
using RouteShadow.Traces.ControlTrace;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// One <c>route_executor_shadow_mismatch</c> event of a control trace: production's two attempt
/// lists for a request, where the line is, and when it was written. URLs are already redacted.
/// </summary>
/// <param name="File">The trace file the event was read from, as the reader was given it.</param>
/// <param name="Line">The 1-based line number in that file.</param>
/// <param name="Offered">The stations the request was offered, from the <c>lbs_for_request</c> logged just before it, when there is one.</param>
public sealed record MismatchEvent(
    string File,
    long Line,
    long TsMs,
    string Service,
    string? TraceId,
    string? Model,
    IReadOnlyList<ShadowAttempt> LegacyAttempts,
    IReadOnlyList<ShadowAttempt> ExecutorAttempts,
    IReadOnlyList<PlannedStation>? Offered = null);
