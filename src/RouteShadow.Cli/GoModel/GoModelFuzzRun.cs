using System.Text;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Commands;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Output;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.GoModel;

namespace RouteShadow.Cli.GoModel;

/// <summary>
/// <c>routeshadow fuzz --engine gomodel</c>: the GoModel fuzzer's table or JSON on stdout, one shrunk
/// example per class in <c>--out</c>, exit 1 when a case no known finding explains turns up.
/// </summary>
internal sealed class GoModelFuzzRun(GoModelFuzzer fuzzer, StandardStreams streams, ILogger<GoModelFuzzRun> logger)
{
    public int Run(FuzzCommandOptions options, CancellationToken cancellationToken)
    {
        logger.LogInformation("fuzzing gomodel: {Cases} cases from seed {Seed}", options.Cases, options.Seed);
        var result = fuzzer.Run(new FuzzOptions { Cases = options.Cases, Seed = options.Seed, TimeLimit = options.TimeLimit }, cancellationToken);
        if (options.Out is { } directory)
        {
            foreach (var written in GoModelFuzzReport.WriteExamples(result, directory))
            {
                logger.LogInformation("wrote {Example}", written);
            }
        }

        var text = options.Format == OutputFormat.Table
            ? GoModelFuzzReport.Table(result, options.Out)
            : GoModelFuzzReport.Json(result, options.Out) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();
        if (result.Unclassified > 0)
        {
            logger.LogError("{Unclassified} cases break a check that the specified variant should pass: look at the unclassified example", result.Unclassified);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
