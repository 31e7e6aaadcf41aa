using RouteShadow.Cli.Output;
using RouteShadow.Traces.Synth;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow synth</c> was asked to generate, and where.</summary>
/// <param name="Staging">When given, a staging trace of shadow mismatches is generated instead of <paramref name="Synth"/>'s logs.</param>
internal sealed record SynthCommandOptions(SynthOptions Synth, StagingOptions? Staging, string Out, OutputFormat Format);
