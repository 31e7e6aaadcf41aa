using System.Text.Json;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// Reads <c>routeshadow/scenario@1</c> documents strictly, in one pass: unknown fields, wrong
/// types, negative counts, indices out of range and repeated station names are errors naming the
/// JSON path and line.
/// </summary>
public static partial class ScenarioReader
{
    /// <summary>Reads a scenario document.</summary>
    public static Scenario Read(ReadOnlySpan<byte> utf8)
    {
        var cursor = new JsonCursor(utf8);
        cursor.EnterObject();
        var scenario = ReadScenarioFields(ref cursor, hasField: cursor.NextField());
        cursor.End();
        return scenario.ToScenario(scenario.Expect);
    }

    /// <summary>
    /// Reads one batch case: a scenario, or <c>{"scenario": …, "report": …}</c> as in the
    /// conformance corpus, whose report becomes the scenario's expectation.
    /// </summary>
    public static Scenario ReadCase(ReadOnlySpan<byte> utf8)
    {
        var cursor = new JsonCursor(utf8);
        cursor.EnterObject();
        var hasField = cursor.NextField();
        if (!hasField || !(cursor.FieldIs("scenario"u8) || cursor.FieldIs("report"u8)))
        {
            var bare = ReadScenarioFields(ref cursor, hasField);
            cursor.End();
            return bare.ToScenario(bare.Expect);
        }

        ScenarioFields? scenario = null;
        ShadowReport? report = null;
        var seen = 0;
        do
        {
            if (cursor.FieldIs("scenario"u8))
            {
                cursor.Once(ref seen, 0);
                cursor.EnterObject();
                scenario = ReadScenarioFields(ref cursor, cursor.NextField());
            }
            else if (cursor.FieldIs("report"u8))
            {
                cursor.Once(ref seen, 1);
                report = ReadReport(ref cursor, allowClasses: false, out _);
            }
            else
            {
                throw cursor.UnknownField();
            }
        }
        while (cursor.NextField());

        if (scenario is not { } fields)
        {
            throw cursor.MissingField("scenario");
        }

        cursor.End();
        if (report is null)
        {
            return fields.ToScenario(fields.Expect);
        }

        return fields.Expect is not null
            ? throw new ScenarioFormatException("$.report", "a case may hold a report or an expect block, not both")
            : fields.ToScenario(new ScenarioExpectation(report));
    }

    /// <summary>Reads and checks the fields of a scenario object; the cursor is on its first field (if any).</summary>
    private static ScenarioFields ReadScenarioFields(ref JsonCursor c, bool hasField)
    {
        string? schema = null, name = null, service = null;
        ScenarioRequest? request = null;
        List<ScenarioStation>? stations = null;
        ScenarioExpectation? expect = null;
        Reproduction.RetrySettings? retry = null;
        Engines.GoModel.GoModelSection? gomodel = null;
        Harn.HarnSection? harn = null;
        int schemaAt = 0, seen = 0;
        for (var more = hasField; more; more = c.NextField())
        {
            if (c.FieldIs("schema"u8))
            {
                c.Once(ref seen, 0);
                schemaAt = c.Offset;
                schema = c.String();
            }
            else if (c.FieldIs("name"u8))
            {
                c.Once(ref seen, 1);
                name = c.UniqueString();
            }
            else if (c.FieldIs("service"u8))
            {
                c.Once(ref seen, 2);
                service = c.String();
                if (service is not ("codex" or "claude"))
                {
                    throw c.Error($"unknown service '{service}', expected 'codex' or 'claude'");
                }
            }
            else if (c.FieldIs("request"u8))
            {
                c.Once(ref seen, 3);
                request = ReadRequest(ref c);
            }
            else if (c.FieldIs("stations"u8))
            {
                c.Once(ref seen, 4);
                stations = ReadStations(ref c);
            }
            else if (c.FieldIs("expect"u8))
            {
                c.Once(ref seen, 5);
                expect = c.IsNull ? null : ReadExpectation(ref c);
            }
            else if (c.FieldIs("retry"u8))
            {
                c.Once(ref seen, 6);
                retry = ReadRetry(ref c);
            }
            else if (c.FieldIs("gomodel"u8))
            {
                c.Once(ref seen, 7);
                gomodel = ReadGoModel(ref c);
            }
            else if (c.FieldIs("harn"u8))
            {
                c.Once(ref seen, 8);
                harn = ReadHarn(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        if (schema is null)
        {
            throw c.MissingField("schema");
        }

        if (schema != Scenario.SchemaId)
        {
            throw new ScenarioFormatException(
                JsonPaths.Field(c.Path(), "schema"), $"unsupported schema '{schema}', expected '{Scenario.SchemaId}'", c.LineAt(schemaAt));
        }

        // GoModel and harn scenarios route through their own sections, not through stations.
        return stations is null && harn is null && gomodel is null
            ? throw c.MissingField("stations")
            : new ScenarioFields(
                name ?? string.Empty, service ?? Scenario.DefaultService, request ?? new ScenarioRequest(null), stations ?? [], expect, retry, gomodel, harn);
    }

    private static List<ScenarioStation> ReadStations(ref JsonCursor c)
    {
        var stations = new List<ScenarioStation>();
        c.EnterArray();
        while (c.NextItem())
        {
            var (station, nameAt) = ReadStation(ref c);
            if (HasStationNamed(stations, station.Station.Name))
            {
                throw new ScenarioFormatException(
                    JsonPaths.Field(c.Path(), "name"),
                    $"duplicate station name '{station.Station.Name}'",
                    c.LineAt(nameAt));
            }

            stations.Add(station);
        }

        return stations;
    }

    // A linear search: scenarios have a handful of stations, and a set would cost more than it saves.
    private static bool HasStationNamed(List<ScenarioStation> stations, string name)
    {
        foreach (var station in stations)
        {
            if (string.Equals(station.Station.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads a station. Its state and events are checked against its upstream count once the whole
    /// object is read, since fields may come in any order; their offsets keep the errors' lines.
    /// </summary>
    private static (ScenarioStation Station, int NameAt) ReadStation(ref JsonCursor c)
    {
        string? name = null;
        Upstream[]? upstreams = null;
        IReadOnlyList<Reproduction.UpstreamResponse>[]? behaviors = null;
        RawState? state = null;
        RawEvent[]? events = null;
        int nameAt = 0, seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("name"u8))
            {
                c.Once(ref seen, 0);
                nameAt = c.Offset;
                name = c.String();
            }
            else if (c.FieldIs("upstreams"u8))
            {
                c.Once(ref seen, 1);
                var read = c.IsNull ? throw c.Error("expected an array, found null") : c.Array(ReadBehavingUpstream)!;
                upstreams = new Upstream[read.Length];
                for (var i = 0; i < read.Length; i++)
                {
                    upstreams[i] = read[i].Upstream;
                }

                behaviors = Array.Exists(read, u => u.Behavior.Count > 0) ? [.. read.Select(u => u.Behavior)] : null;
            }
            else if (c.FieldIs("state"u8))
            {
                c.Once(ref seen, 2);
                state = c.IsNull ? null : ReadState(ref c);
            }
            else if (c.FieldIs("events"u8))
            {
                c.Once(ref seen, 3);
                events = c.Array(ReadEvent);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        // The station object is done: the cursor's path is now the station's own.
        if (name is null || upstreams is null)
        {
            throw c.MissingField(name is null ? "name" : "upstreams");
        }

        var station = new Station(name, upstreams);
        var scenarioEvents = new ScenarioEvent[events?.Length ?? 0];
        for (var i = 0; i < scenarioEvents.Length; i++)
        {
            var raw = events![i];
            if (raw.Index >= upstreams.Length)
            {
                throw new ScenarioFormatException(
                    JsonPaths.Field(JsonPaths.Item(JsonPaths.Field(c.Path(), "events"), i), "index"),
                    $"index {raw.Index} is out of range: the station has {upstreams.Length} {Upstreams(upstreams.Length)}",
                    c.LineAt(raw.IndexAt));
            }

            scenarioEvents[i] = raw.Event;
        }

        return (new ScenarioStation(station, state?.Validated(upstreams.Length, ref c), scenarioEvents, behaviors), nameAt);
    }

    /// <summary>Reads a state layout's upstream, which has no behavior.</summary>
    private static Upstream ReadUpstream(ref JsonCursor c) => ReadUpstreamFields(ref c, allowBehavior: false).Upstream;

    private static (Upstream Upstream, IReadOnlyList<Reproduction.UpstreamResponse> Behavior) ReadBehavingUpstream(ref JsonCursor c) =>
        ReadUpstreamFields(ref c, allowBehavior: true);

    private static (Upstream Upstream, IReadOnlyList<Reproduction.UpstreamResponse> Behavior) ReadUpstreamFields(ref JsonCursor c, bool allowBehavior)
    {
        string? baseUrl = null;
        IReadOnlyList<Reproduction.UpstreamResponse> behavior = [];
        IReadOnlyDictionary<string, string>? tags = null, mapping = null;
        IReadOnlyDictionary<string, bool>? supported = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("base_url"u8))
            {
                c.Once(ref seen, 0);
                baseUrl = c.String();
            }
            else if (c.FieldIs("tags"u8))
            {
                c.Once(ref seen, 1);
                tags = c.Map(static (ref JsonCursor v) => v.String());
            }
            else if (c.FieldIs("supported_models"u8))
            {
                c.Once(ref seen, 2);
                supported = c.Map(static (ref JsonCursor v) => v.Bool());
            }
            else if (c.FieldIs("model_mapping"u8))
            {
                c.Once(ref seen, 3);
                mapping = c.Map(static (ref JsonCursor v) => v.String());
            }
            else if (allowBehavior && c.FieldIs("behavior"u8))
            {
                c.Once(ref seen, 4);
                behavior = c.Array(ReadResponse) ?? [];
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return baseUrl is null
            ? throw c.MissingField("base_url")
            : (new Upstream(baseUrl, tags, supported, mapping), behavior);
    }

    private static RawState ReadState(ref JsonCursor c)
    {
        var state = new RawState();
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("failure_counts"u8))
            {
                c.Once(ref seen, 0);
                state.FailureCountsAt = c.Offset;
                state.FailureCounts = c.Array(static (ref JsonCursor v) => v.UInt32());
            }
            else if (c.FieldIs("cooldown_remaining_ms"u8))
            {
                c.Once(ref seen, 1);
                state.CooldownsAt = c.Offset;
                state.Cooldowns = c.Array(static (ref JsonCursor v) => v.IsNull ? (long?)null : v.Int64());
            }
            else if (c.FieldIs("usage_exhausted"u8))
            {
                c.Once(ref seen, 2);
                state.ExhaustedAt = c.Offset;
                state.Exhausted = c.Array(static (ref JsonCursor v) => v.Bool());
            }
            else if (c.FieldIs("penalty_streak"u8))
            {
                c.Once(ref seen, 3);
                state.StreaksAt = c.Offset;
                state.Streaks = c.Array(static (ref JsonCursor v) => v.UInt32());
            }
            else if (c.FieldIs("last_good_index"u8))
            {
                c.Once(ref seen, 4);
                state.LastGood = c.IsNull ? null : c.Index();
            }
            else if (c.FieldIs("layout"u8))
            {
                c.Once(ref seen, 5);
                state.Layout = c.Array(ReadUpstream);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return state;
    }

    private static RawEvent ReadEvent(ref JsonCursor c)
    {
        string? op = null, reason = null;
        int? index = null;
        bool? success = null;
        ulong? cooldownSecs = null;
        long? ms = null;
        CooldownBackoff? backoff = null;
        int indexAt = 0, seen = 0;
        Span<int> fieldAt = stackalloc int[EventFields.Length];
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("op"u8))
            {
                Mark(ref c, ref seen, fieldAt, 0);
                op = c.String();
                if (op is not ("record" or "penalize" or "advance"))
                {
                    throw c.Error($"unknown op '{op}', expected record, penalize or advance");
                }
            }
            else if (c.FieldIs("index"u8))
            {
                Mark(ref c, ref seen, fieldAt, 1);
                indexAt = c.Offset;
                index = c.Index();
            }
            else if (c.FieldIs("success"u8))
            {
                Mark(ref c, ref seen, fieldAt, 2);
                success = c.Bool();
            }
            else if (c.FieldIs("cooldown_secs"u8))
            {
                Mark(ref c, ref seen, fieldAt, 3);
                cooldownSecs = c.UInt64();
            }
            else if (c.FieldIs("reason"u8))
            {
                Mark(ref c, ref seen, fieldAt, 4);
                reason = c.String();
            }
            else if (c.FieldIs("backoff"u8))
            {
                Mark(ref c, ref seen, fieldAt, 5);
                backoff = ReadBackoff(ref c);
            }
            else if (c.FieldIs("ms"u8))
            {
                Mark(ref c, ref seen, fieldAt, 6);
                var step = c.Int64();
                ms = step >= 0 ? step : throw c.Error("a clock advance cannot be negative");
            }
            else
            {
                throw c.UnknownField();
            }
        }

        const int recordFields = 0b0101111, penalizeFields = 0b0111011, advanceFields = 0b1000001;
        var allowed = op switch
        {
            "record" => recordFields,
            "penalize" => penalizeFields,
            "advance" => advanceFields,
            _ => throw c.MissingField("op"),
        };
        if ((seen & ~allowed) != 0)
        {
            var stray = System.Numerics.BitOperations.TrailingZeroCount(seen & ~allowed);
            throw c.FieldError(EventFields[stray], fieldAt[stray], $"unknown field for op '{op}'");
        }

        return op switch
        {
            "record" => new RawEvent(
                new RecordEvent(
                    index ?? throw c.MissingField("index"),
                    success ?? throw c.MissingField("success"),
                    cooldownSecs ?? LoadBalancerConstants.CooldownSecs,
                    backoff ?? CooldownBackoff.None),
                index,
                indexAt),
            "penalize" => new RawEvent(
                new PenalizeEvent(
                    index ?? throw c.MissingField("index"),
                    cooldownSecs ?? LoadBalancerConstants.CooldownSecs,
                    reason ?? "scenario",
                    backoff ?? CooldownBackoff.None),
                index,
                indexAt),
            _ => new RawEvent(new AdvanceEvent(ms ?? throw c.MissingField("ms")), null, 0),
        };
    }

    private static string Upstreams(int count) => count == 1 ? "upstream" : "upstreams";

    private static string Entries(int count) => count == 1 ? "entry" : "entries";

    /// <summary>An event's fields, in the bit order <see cref="ReadEvent"/> marks them.</summary>
    private static readonly string[] EventFields = ["op", "index", "success", "cooldown_secs", "reason", "backoff", "ms"];

    /// <summary>Marks an event field as seen and remembers where it is, in case it belongs to another op.</summary>
    private static void Mark(ref JsonCursor c, ref int seen, scoped Span<int> fieldAt, int bit)
    {
        c.Once(ref seen, bit);
        fieldAt[bit] = c.FieldOffset;
    }

    private static CooldownBackoff ReadBackoff(ref JsonCursor c)
    {
        var backoff = CooldownBackoff.None;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("factor"u8))
            {
                c.Once(ref seen, 0);
                backoff = backoff with { Factor = c.UInt64() };
            }
            else if (c.FieldIs("max_secs"u8))
            {
                c.Once(ref seen, 1);
                backoff = backoff with { MaxSecs = c.UInt64() };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return backoff;
    }

    private static ScenarioExpectation ReadExpectation(ref JsonCursor c)
    {
        var report = ReadReport(ref c, allowClasses: true, out var classes);
        return new ScenarioExpectation(report, classes);
    }

    private static ShadowReport ReadReport(ref JsonCursor c, bool allowClasses, out DivergenceClass[]? classes)
    {
        bool? matches = null;
        Engines.ShadowAttempt[]? legacy = null, executor = null;
        classes = null;
        int matchesAt = 0, seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("matches"u8))
            {
                c.Once(ref seen, 0);
                matchesAt = c.Offset;
                matches = c.Bool();
            }
            else if (c.FieldIs("legacy_attempts"u8))
            {
                c.Once(ref seen, 1);
                legacy = c.Array(ReportJson.ReadAttempt);
            }
            else if (c.FieldIs("executor_attempts"u8))
            {
                c.Once(ref seen, 2);
                executor = c.Array(ReportJson.ReadAttempt);
            }
            else if (allowClasses && c.FieldIs("classes"u8))
            {
                c.Once(ref seen, 3);
                classes = c.Array(ReadClass);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        var report = new ShadowReport(
            legacy ?? throw c.MissingField("legacy_attempts"),
            executor ?? throw c.MissingField("executor_attempts"));
        if ((matches ?? throw c.MissingField("matches")) != report.Matches)
        {
            throw new ScenarioFormatException(JsonPaths.Field(c.Path(), "matches"), "does not agree with the two attempt lists", c.LineAt(matchesAt));
        }

        return report;
    }

    private static DivergenceClass ReadClass(ref JsonCursor c)
    {
        var name = c.String();
        return DivergenceClassNames.TryParse(name, out var divergence)
            ? divergence
            : throw c.Error($"unknown divergence class '{name}'");
    }

    /// <summary>
    /// A scenario's fields, read and checked, until its expectation is known: a batch case's report
    /// comes after its scenario, and building the scenario once saves copying it with the report.
    /// </summary>
    private readonly record struct ScenarioFields(
        string Name,
        string Service,
        ScenarioRequest Request,
        IReadOnlyList<ScenarioStation> Stations,
        ScenarioExpectation? Expect,
        Reproduction.RetrySettings? Retry,
        Engines.GoModel.GoModelSection? GoModel,
        Harn.HarnSection? Harn)
    {
        public Scenario ToScenario(ScenarioExpectation? expect) => new(Name, Service, Request, Stations, expect, Retry, GoModel) { Harn = Harn };
    }

    /// <summary>An event with the upstream index it names (if any) and where that index was written.</summary>
    private readonly record struct RawEvent(ScenarioEvent Event, int? Index, int IndexAt);

    /// <summary>A state as written, with where each array started, until the station's upstream count is known (a struct: one per state read).</summary>
    private struct RawState
    {
        public uint[]? FailureCounts { get; set; }

        public int FailureCountsAt { get; set; }

        public long?[]? Cooldowns { get; set; }

        public int CooldownsAt { get; set; }

        public bool[]? Exhausted { get; set; }

        public int ExhaustedAt { get; set; }

        public uint[]? Streaks { get; set; }

        public int StreaksAt { get; set; }

        public int? LastGood { get; set; }

        public Upstream[]? Layout { get; set; }

        /// <summary>Checks the arrays against the upstream count; the cursor stands at the end of the station.</summary>
        public readonly ScenarioState Validated(int upstreamCount, ref JsonCursor c)
        {
            var expected = Layout?.Length ?? upstreamCount;
            var basis = Layout is null ? "the station has" : "the state's layout has";
            Check(FailureCounts?.Length, "failure_counts", FailureCountsAt, ref c);
            Check(Cooldowns?.Length, "cooldown_remaining_ms", CooldownsAt, ref c);
            Check(Exhausted?.Length, "usage_exhausted", ExhaustedAt, ref c);
            Check(Streaks?.Length, "penalty_streak", StreaksAt, ref c);
            return new ScenarioState(FailureCounts, Cooldowns, Exhausted, Streaks, LastGood, Layout);

            void Check(int? length, string field, int at, ref JsonCursor cursor)
            {
                if (length is { } n && n != expected)
                {
                    throw new ScenarioFormatException(
                        JsonPaths.Field(JsonPaths.Field(cursor.Path(), "state"), field), $"has {n} {Entries(n)} but {basis} {expected} {Upstreams(expected)}", cursor.LineAt(at));
                }
            }
        }
    }
}
