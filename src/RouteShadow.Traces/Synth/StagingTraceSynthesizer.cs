using System.IO.Compression;
using System.Text;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;
using RouteShadow.Traces.Config;

namespace RouteShadow.Traces.Synth;

/// <summary>
/// Generates what a staging codex-helper with <c>CODEX_HELPER_ROUTE_EXECUTOR_SHADOW_TRACE=1</c>
/// leaves in its control trace: a <c>route_executor_shadow_mismatch</c> line for every request
/// whose engines disagree. Each request meets the built-in sample config (<see cref="SampleConfig"/>)
/// in a seeded state drawn from one of five known causes — an exhausted sticky upstream, stickies in
/// two stations, a provider-endpoint key shared across stations or within one, a cooldown below
/// the failure threshold — sometimes two at once, with unrelated upstreams down now and then. The
/// C# engines plan each request and only disagreements are written, so every event is one the
/// engines can produce. The older events went into a rotated file; a few lines are damaged.
/// </summary>
public static class StagingTraceSynthesizer
{
    /// <summary>Writes one mismatch line; <c>ShadowMismatchTrace.Line</c> of RouteShadow.Upstreams writes codex-helper's.</summary>
    public delegate string MismatchLine(string service, long requestId, string? model, ShadowReport report, long tsMs);

    private const string Service = "codex";
    private const long CooldownMs = 45_000;
    private static readonly string?[] Models = ["gpt-5", "gpt-5", "gpt-5", "gpt-5-mini", "gpt-4.1", null];

    public static StagingResult Write(StagingOptions options, string outDirectory, ShadowRunner runner, MismatchLine line, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDirectory);
        var configPath = Path.Combine(outDirectory, SampleConfig.FileName);
        File.WriteAllText(configPath, SampleConfig.Json + "\n");
        var stations = ConfigReader.Parse(SampleConfig.Json, configPath).For(Service)!.DefaultPlan();

        var random = new SeededRandom(options.Seed);
        var rotatedEvents = Math.Max(0, options.Mismatches - options.ActiveEvents);
        var active = Path.Combine(outDirectory, "control_trace.jsonl");
        var unnamed = Path.Combine(outDirectory, "control_trace.rotating.tmp");
        var clock = options.StartMs;
        var requestId = 0L;
        var malformed = 0;
        var lastRotatedMs = options.StartMs;
        var file = Open(unnamed, options.Gzip);
        try
        {
            for (var written = 0; written < options.Mismatches;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock += 1 + (long)random.Exponential(options.MeanGapMs);
                requestId++;
                var model = random.Pick(Models);
                var scenario = new Scenario("", Service, new ScenarioRequest(model), Draw(stations, random));
                var comparison = runner.Compare(ScenarioBuilder.Build(scenario, clock));
                if (comparison.Verdict != ShadowVerdict.Mismatch)
                {
                    continue;
                }

                if (written == rotatedEvents)
                {
                    // codex-helper renames the full file to the moment it rotated and starts a new one.
                    file.Dispose();
                    file = Open(active, gzip: false);
                }

                var text = line(Service, requestId, model, comparison.Report, clock);
                written++;
                if (options.MalformedEvery > 0 && written % options.MalformedEvery == 0)
                {
                    file.Write(Damage(text, malformed++));
                    file.Write('\n');
                }

                file.Write(text);
                file.Write('\n');
                lastRotatedMs = written <= rotatedEvents ? clock : lastRotatedMs;
            }
        }
        finally
        {
            file.Dispose();
        }

        var rotated = Path.Combine(outDirectory, $"control_trace.{lastRotatedMs + 1}.jsonl" + (options.Gzip ? ".gz" : ""));
        File.Move(unnamed, rotated, overwrite: true);
        if (!File.Exists(active))
        {
            File.WriteAllBytes(active, []);
        }

        return new StagingResult([rotated, active], configPath, options.Mismatches, malformed);
    }

    /// <summary>A state for the sample's stations (alpha, beta, gamma) showing one or two known causes.</summary>
    private static List<ScenarioStation> Draw(IReadOnlyList<Station> stations, SeededRandom random)
    {
        var states = stations.ToDictionary(s => s.Name, s => new Health(s.Upstreams.Count), StringComparer.Ordinal);
        var causes = random.Chance(0.15) ? 2 : 1;
        for (var i = 0; i < causes; i++)
        {
            switch (random.Next(5))
            {
                case 0: // exhausted sticky upstream: alpha's both exhausted, sticky on the second
                    states["alpha"].Exhausted[0] = states["alpha"].Exhausted[1] = true;
                    states["alpha"].LastGood = 1;
                    break;
                case 1: // stickies in alpha and in beta
                    states["alpha"].LastGood = 1;
                    states["beta"].LastGood = 1 + random.Next(2);
                    break;
                case 2: // alpha#1 and gamma#0 share relay-pool/hk: alpha's is down, gamma's healthy
                    states["alpha"].Down(1);
                    break;
                case 3: // beta#0 and beta#1 share beta/default: the first is down
                    states["beta"].Down(0);
                    break;
                default: // a cooldown left on an upstream below the failure threshold
                    var (station, index) = random.Pick<(string, int)>([("alpha", 0), ("beta", 2), ("gamma", 1)]);
                    states[station].CooldownOnly(index);
                    break;
            }
        }

        if (random.Chance(0.25))
        {
            var (station, index) = random.Pick<(string, int)>([("beta", 2), ("gamma", 1), ("alpha", 0)]);
            states[station].Down(index);
        }

        return [.. stations.Select(s => new ScenarioStation(s, states[s.Name].ToState(), []))];
    }

    /// <summary>One of three kinds of damage, in turn: cut short, not JSON, a required field renamed.</summary>
    private static string Damage(string text, int nth) => (nth % 3) switch
    {
        0 => text[..(text.Length / 2)],
        1 => "{\"ts_ms\":" + text[1..],
        _ => text.Replace("\"legacy_attempts\":", "\"legacy_attempt\":", StringComparison.Ordinal),
    };

    private static StreamWriter Open(string path, bool gzip)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        return new StreamWriter(gzip ? new GZipStream(file, CompressionLevel.SmallestSize) : file, new UTF8Encoding(false));
    }

    /// <summary>One station's drawn state.</summary>
    private sealed class Health(int upstreams)
    {
        public uint[] Failures { get; } = new uint[upstreams];

        public long?[] Cooldowns { get; } = new long?[upstreams];

        public bool[] Exhausted { get; } = new bool[upstreams];

        public int? LastGood { get; set; }

        /// <summary>Over the failure threshold and cooling down.</summary>
        public void Down(int index) => (Failures[index], Cooldowns[index]) = (3, CooldownMs);

        /// <summary>Cooling down with no failures counted: only reachable by migrating such a state.</summary>
        public void CooldownOnly(int index) => (Failures[index], Cooldowns[index]) = (0, CooldownMs);

        public ScenarioState ToState() => new(Failures, Cooldowns, Exhausted, null, LastGood, null);
    }
}
