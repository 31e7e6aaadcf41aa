using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RouteShadow.Cli.Commands;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Testing.Fuzzing;
using RouteShadow.Upstreams.Trace;
using Serilog;

namespace RouteShadow.Cli.Hosting;

/// <summary>
/// Composes a command's services. The host starts empty — no configuration files, environment
/// providers or hosted services — so building it costs little next to the work it runs.
/// </summary>
internal static class AppHost
{
    public static IHost Build(StandardStreams streams, TimeProvider clock, ILogger logger)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "routeshadow" });
        builder.Services
            .AddSerilog(logger, dispose: false)
            .AddSingleton(streams)
            .AddSingleton(clock)
            .AddSingleton(ShadowRunner.CodexHelper)
            .AddSingleton<ScenarioCheck>()
            .AddSingleton<CheckHandler>()
            .AddSingleton<ParityFuzzer>()
            .AddSingleton<FuzzHandler>()
            .AddSingleton<Testing.GoModel.GoModelFuzzer>()
            .AddSingleton<GoModel.GoModelFuzzRun>()
            .AddSingleton<Harn.HarnFuzzRun>()
            .AddSingleton<ReplayHandler>()
            .AddSingleton<SynthHandler>()
            .AddSingleton<ReproduceHandler>()
            .AddSingleton<IEnvironment>(ProcessEnvironment.Instance)
            .AddSingleton<TriageHandler>();
        return builder.Build();
    }
}
