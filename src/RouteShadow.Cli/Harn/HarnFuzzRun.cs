using System.Text;
using Microsoft.Extensions.Logging;
using RouteShadow.Cli.Commands;
using RouteShadow.Cli.Hosting;
using RouteShadow.Cli.Output;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Testing.Generators;
using RouteShadow.Testing.Harn;

namespace RouteShadow.Cli.Harn;

/// <summary>
/// <c>routeshadow fuzz --engine harn</c>: the harn fuzzer's table or JSON on stdout, one shrunk
/// example per bug class in <c>--out</c>, and exit 1 when a check violation no known class explains turns up.
/// </summary>
internal sealed class HarnFuzzRun(TimeProvider clock, StandardStreams streams, ILogger<HarnFuzzRun> logger)
{
    public const string Engine = "harn";

    public int Run(FuzzCommandOptions options, CancellationToken cancellationToken)
    {
        if (options.Mode == ScenarioMode.Reachable)
        {
            logger.LogWarning("--reachable chooses codex-helper load-balancer states; a harn call has none, so it is ignored");
        }

        logger.LogInformation("fuzzing {Cases} harn cases from seed {Seed}", options.Cases, options.Seed);
        var result = new HarnFuzzer(clock).Run(new FuzzOptions { Cases = options.Cases, Seed = options.Seed, TimeLimit = options.TimeLimit }, cancellationToken);
        if (options.Out is { } directory)
        {
            foreach (var written in HarnFuzzReport.WriteExamples(result, directory))
            {
                logger.LogInformation("wrote {Example}", written);
            }
        }

        var text = options.Format == OutputFormat.Table ? HarnFuzzReport.Table(result, options.Out) : HarnFuzzReport.Json(result, options.Out) + "\n";
        streams.Output.Write(Encoding.UTF8.GetBytes(text));
        streams.Output.Flush();
        if (result.Unclassified > 0)
        {
            logger.LogError("{Unclassified} check violations belong to no known class: look at the unclassified example", result.Unclassified);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
