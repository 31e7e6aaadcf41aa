using RouteShadow.Cli;
using RouteShadow.Cli.Hosting;

return await RouteShadowApp.RunAsync(args, StandardStreams.Console(), TimeProvider.System, CancellationToken.None);
