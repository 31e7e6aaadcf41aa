using RouteShadow.Core.Engines.Executor;
using RouteShadow.Core.Engines.Legacy;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Servers;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Upstreams.Tests.Support;

/// <summary>Runs a file of <c>fixtures/reproduce/</c> with both engines on the loopback, with compressed waits.</summary>
internal static class Reproductions
{
    public static Scenario Load(string fileName) => ScenarioReader.Read(File.ReadAllBytes(FixturePath(fileName)));

    public static string FixturePath(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RouteShadow.sln")))
            {
                return Path.Combine(dir.FullName, "fixtures", "reproduce", fileName);
            }
        }

        throw new InvalidOperationException("RouteShadow.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>An attempt's time limit ample for a loaded machine's first answer.</summary>
    public static readonly TimeSpan AmpleAttemptTimeout = TimeSpan.FromSeconds(5);

    public static async Task<(Lifecycle Legacy, Lifecycle Executor)> RunAsync(
        string fileName, IEnvironment? environment = null, TextWriter? traceOut = null, TimeSpan? attemptTimeout = null)
    {
        var scenario = Load(fileName);
        using var farm = UpstreamFarm.Start(scenario);
        var options = new ReproductionOptions(
            new Waits(TimeProvider.System), attemptTimeout ?? AmpleAttemptTimeout, environment ?? new FakeEnvironment(), traceOut);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var lifecycles = await new Reproducer(options).RunAsync(scenario, farm, [new LegacyEngine(), new ExecutorEngine()], timeout.Token);
        return (lifecycles[0], lifecycles[1]);
    }

    /// <summary>How many requests the server standing in for <paramref name="baseUrl"/> received.</summary>
    public static int Count(this Lifecycle lifecycle, string baseUrl) => lifecycle.Received[baseUrl].Count;

    public static LbState State(this Lifecycle lifecycle, string station) =>
        lifecycle.StateAfter.TryGet(station, out var state) ? state : throw new InvalidOperationException($"no state for {station}");
}

/// <summary>An environment holding only the variables a test sets.</summary>
internal sealed class FakeEnvironment(params (string Name, string Value)[] variables) : IEnvironment
{
    public string? Get(string name) => variables.FirstOrDefault(v => v.Name == name).Value;
}
