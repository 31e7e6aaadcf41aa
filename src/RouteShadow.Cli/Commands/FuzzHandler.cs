using System.Text;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Harn;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Output;
using RouteShadow.Testing.Fuzzing;

namespace RouteShadow.Cli.Commands;

/// <summary>
/// Runs <c>routeshadow fuzz</c>: the fuzzer's table or JSON summary on stdout, the example files in
/// <c>--out</c>, and exit 1 when a divergence no known class explains turns up.
/// </summary>
internal sealed class FuzzHandler(
    ParityFuzzer fuzzer, GoModel.GoModelFuzzRun gomodel, HarnFuzzRun harn, StandardStreams streams, ILogger<FuzzHandler> logger)
{
    public int Run(FuzzCommandOptions options, CancellationToken cancellationToken)
    {
        if (options.Engine == "gomodel")
        {
            return gomodel.Run(options, cancellationToken);
        }

        if (options.Engine == HarnFuzzRun.Engine)
        {
            return harn.Run(options, cancellationToken);
        }

        logger.LogInformation("fuzzing {Cases} cases from seed {Seed}", options.Cases, options.Seed);
        var result = fuzzer.Run(
            new FuzzOptions { Cases = options.Cases, Seed = options.Seed, Mode = options.Mode, TimeLimit = options.TimeLimit },
            cancellationToken);

        if (options.Out is { } directory)
        {
            foreach (var written in FuzzExampleWriter.Write(result, directory))
            {
                logger.LogInformation("wrote {Example}", written);
            }
        }

        var text = options.Format == OutputFormat.Table
            ? FuzzReport.Table(result, options.Out)
            : FuzzReport.Json(result, options.Out) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();

        if (result.Unclassified > 0)
        {
            logger.LogError("{Unclassified} divergences belong to no known class: look at the unclassified example", result.Unclassified);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
