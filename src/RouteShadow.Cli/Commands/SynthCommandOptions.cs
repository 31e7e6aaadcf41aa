using RouteShadow.Cli.Output;
using RouteShadow.Traces.Synth;

namespace RouteShadow.Cli.Commands;

/// <summary>What <c>routeshadow synth</c> was asked to generate, and where.</summary>
internal sealed record SynthCommandOptions(SynthOptions Synth, string Out, OutputFormat Format);
