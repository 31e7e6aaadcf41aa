using RouteShadow.Cli;
using RouteShadow.Cli.Hosting;

using var stop = new StopSignals();
return await RouteShadowApp.RunAsync(args, StandardStreams.Console(), TimeProvider.System, stop.Token);
