using System.Text.Json;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Shadow;
using RouteShadow.Core.World;
using static RouteShadow.Core.Scenarios.JsonValues;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// Reads <c>routeshadow/scenario@1</c> documents strictly: unknown fields, wrong types, negative
/// counts, indices out of range and repeated station names are errors naming the JSON path and line.
/// </summary>
public static class ScenarioReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Reads a scenario document.</summary>
    public static Scenario Read(ReadOnlyMemory<byte> utf8) => Parse(utf8, root => FromJson(root, "$"));

    /// <summary>
    /// Reads one batch case: a scenario, or <c>{"scenario": …, "report": …}</c> as in the
    /// conformance corpus, whose report becomes the scenario's expectation.
    /// </summary>
    public static Scenario ReadCase(ReadOnlyMemory<byte> utf8) => Parse(utf8, root =>
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("scenario", out _))
        {
            return FromJson(root, "$");
        }

        Scenario? scenario = null;
        ShadowReport? report = null;
        JsonValues.Object(root, "$", (name, value, path) =>
        {
            switch (name)
            {
                case "scenario": scenario = FromJson(value, path); return true;
                case "report": report = ReadReport(value, path); return true;
                default: return false;
            }
        });

        if (report is null)
        {
            return scenario!;
        }

        return scenario!.Expect is not null
            ? throw Error("$.report", "a case may hold a report or an expect block, not both")
            : scenario with { Expect = new ScenarioExpectation(report) };
    });

    /// <summary>Reads a scenario from a parsed element; errors carry paths below <paramref name="path"/>.</summary>
    public static Scenario FromJson(JsonElement root, string path)
    {
        string? schema = null, name = null, service = null;
        ScenarioRequest? request = null;
        ScenarioStation[]? stations = null;
        ScenarioExpectation? expect = null;
        JsonValues.Object(root, path, (field, value, at) =>
        {
            switch (field)
            {
                case "schema": schema = String(value, at); return true;
                case "name": name = String(value, at); return true;
                case "service": service = String(value, at); return true;
                case "request": request = ReadRequest(value, at); return true;
                case "stations": stations = Array(value, at, ReadStation); return true;
                case "expect": expect = ReadExpectation(value, at); return true;
                default: return false;
            }
        });

        Require(schema is not null, path, "schema");
        if (schema != Scenario.SchemaId)
        {
            throw Error(Field(path, "schema"), $"unsupported schema '{schema}', expected '{Scenario.SchemaId}'");
        }

        service ??= Scenario.DefaultService;
        if (service is not ("codex" or "claude"))
        {
            throw Error(Field(path, "service"), $"unknown service '{service}', expected 'codex' or 'claude'");
        }

        Require(stations is not null, path, "stations");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < stations!.Length; i++)
        {
            if (!names.Add(stations[i].Station.Name))
            {
                throw Error(Field(Item(Field(path, "stations"), i), "name"), $"duplicate station name '{stations[i].Station.Name}'");
            }
        }

        return new Scenario(name ?? string.Empty, service, request ?? new ScenarioRequest(null), stations, expect);
    }

    private static Scenario Parse(ReadOnlyMemory<byte> utf8, Func<JsonElement, Scenario> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            throw new ScenarioFormatException(path, "malformed JSON: " + FirstSentence(ex.Message), (ex.LineNumber ?? 0) + 1, ex);
        }

        using (document)
        {
            try
            {
                return read(document.RootElement);
            }
            catch (ScenarioFormatException ex) when (ex.Line is null)
            {
                throw ex.AtLine(JsonLocator.LineOf(utf8.Span, ex.JsonPath, ex.Occurrence));
            }
        }
    }

    private static ScenarioRequest ReadRequest(JsonElement value, string path)
    {
        string? model = null;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            if (field != "model")
            {
                return false;
            }

            model = NullableString(v, at);
            return true;
        });
        return new ScenarioRequest(model);
    }

    private static ScenarioStation ReadStation(JsonElement value, string path)
    {
        string? name = null;
        Upstream[]? upstreams = null;
        JsonElement? state = null;
        JsonElement? events = null;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            switch (field)
            {
                case "name": name = String(v, at); return true;
                case "upstreams": upstreams = Array(v, at, ReadUpstream); return true;
                case "state": state = v; return true;
                case "events": events = v; return true;
                default: return false;
            }
        });

        Require(name is not null, path, "name");
        Require(upstreams is not null, path, "upstreams");
        var station = new Station(name!, upstreams!);
        var scenarioState = state is { ValueKind: not JsonValueKind.Null } s ? ReadState(s, Field(path, "state"), station) : null;
        var scenarioEvents = events is { ValueKind: not JsonValueKind.Null } e
            ? Array(e, Field(path, "events"), (ev, at) => ReadEvent(ev, at, upstreams!.Length))
            : [];
        return new ScenarioStation(station, scenarioState, scenarioEvents);
    }

    /// <summary>Reads an upstream (also used for state layouts).</summary>
    public static Upstream ReadUpstream(JsonElement value, string path)
    {
        string? baseUrl = null;
        Dictionary<string, string>? tags = null, mapping = null;
        Dictionary<string, bool>? supported = null;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            var isNull = v.ValueKind == JsonValueKind.Null;
            switch (field)
            {
                case "base_url": baseUrl = String(v, at); return true;
                case "tags": tags = isNull ? null : Map(v, at, String); return true;
                case "supported_models": supported = isNull ? null : Map(v, at, Bool); return true;
                case "model_mapping": mapping = isNull ? null : Map(v, at, String); return true;
                default: return false;
            }
        });

        Require(baseUrl is not null, path, "base_url");
        return new Upstream(baseUrl!, tags, supported, mapping);
    }

    private static ScenarioState ReadState(JsonElement value, string path, Station station)
    {
        uint[]? failures = null, streaks = null;
        long?[]? cooldowns = null;
        bool[]? exhausted = null;
        int? lastGood = null;
        Upstream[]? layout = null;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            var isNull = v.ValueKind == JsonValueKind.Null;
            switch (field)
            {
                case "failure_counts": failures = isNull ? null : Array(v, at, UInt32); return true;
                case "cooldown_remaining_ms":
                    cooldowns = isNull ? null : Array(v, at, (c, p) => c.ValueKind == JsonValueKind.Null ? (long?)null : Int64(c, p));
                    return true;
                case "usage_exhausted": exhausted = isNull ? null : Array(v, at, Bool); return true;
                case "penalty_streak": streaks = isNull ? null : Array(v, at, UInt32); return true;
                case "last_good_index": lastGood = isNull ? null : Index(v, at); return true;
                case "layout": layout = isNull ? null : Array(v, at, ReadUpstream); return true;
                default: return false;
            }
        });

        var expected = layout?.Length ?? station.Upstreams.Count;
        var basis = layout is null ? "the station's upstreams" : "the state's layout";
        CheckLength(failures?.Length, "failure_counts");
        CheckLength(cooldowns?.Length, "cooldown_remaining_ms");
        CheckLength(exhausted?.Length, "usage_exhausted");
        CheckLength(streaks?.Length, "penalty_streak");
        return new ScenarioState(failures, cooldowns, exhausted, streaks, lastGood, layout);

        void CheckLength(int? length, string field)
        {
            if (length is { } n && n != expected)
            {
                throw Error(Field(path, field), $"has {n} entries but {basis} has {expected} upstreams");
            }
        }
    }

    private static ScenarioEvent ReadEvent(JsonElement value, string path, int upstreamCount)
    {
        string? op = null, reason = null;
        int? index = null;
        bool? success = null;
        ulong? cooldownSecs = null;
        long? ms = null;
        CooldownBackoff? backoff = null;
        var fields = new List<string>();
        JsonValues.Object(value, path, (field, v, at) =>
        {
            fields.Add(field);
            switch (field)
            {
                case "op": op = String(v, at); return true;
                case "index":
                    index = Index(v, at);
                    if (index >= upstreamCount)
                    {
                        throw Error(at, $"index {index} is out of range: the station has {upstreamCount} upstreams");
                    }

                    return true;
                case "success": success = Bool(v, at); return true;
                case "cooldown_secs": cooldownSecs = UInt64(v, at); return true;
                case "reason": reason = String(v, at); return true;
                case "backoff": backoff = ReadBackoff(v, at); return true;
                case "ms":
                    var step = Int64(v, at);
                    ms = step >= 0 ? step : throw Error(at, "a clock advance cannot be negative");
                    return true;
                default: return false;
            }
        });

        Require(op is not null, path, "op");
        var allowed = op switch
        {
            "record" => ["op", "index", "success", "cooldown_secs", "backoff"],
            "penalize" => ["op", "index", "cooldown_secs", "reason", "backoff"],
            "advance" => new[] { "op", "ms" },
            _ => throw Error(Field(path, "op"), $"unknown op '{op}', expected record, penalize or advance"),
        };
        if (fields.FirstOrDefault(f => !allowed.Contains(f)) is { } stray)
        {
            throw Error(Field(path, stray), $"unknown field for op '{op}'");
        }

        switch (op)
        {
            case "record":
                Require(index is not null, path, "index");
                Require(success is not null, path, "success");
                return new RecordEvent(index!.Value, success!.Value, cooldownSecs ?? 30, backoff ?? CooldownBackoff.None);
            case "penalize":
                Require(index is not null, path, "index");
                return new PenalizeEvent(index!.Value, cooldownSecs ?? 30, reason ?? "scenario", backoff ?? CooldownBackoff.None);
            default:
                Require(ms is not null, path, "ms");
                return new AdvanceEvent(ms!.Value);
        }
    }

    private static CooldownBackoff ReadBackoff(JsonElement value, string path)
    {
        var backoff = CooldownBackoff.None;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            switch (field)
            {
                case "factor": backoff = backoff with { Factor = UInt64(v, at) }; return true;
                case "max_secs": backoff = backoff with { MaxSecs = UInt64(v, at) }; return true;
                default: return false;
            }
        });
        return backoff;
    }

    private static ScenarioExpectation ReadExpectation(JsonElement value, string path)
    {
        var report = ReadReport(value, path, allowClasses: true, out var classes);
        return new ScenarioExpectation(report, classes);
    }

    private static ShadowReport ReadReport(JsonElement value, string path) => ReadReport(value, path, allowClasses: false, out _);

    private static ShadowReport ReadReport(JsonElement value, string path, bool allowClasses, out DivergenceClass[]? classes)
    {
        bool? matches = null;
        Engines.ShadowAttempt[]? legacy = null, executor = null;
        DivergenceClass[]? read = null;
        JsonValues.Object(value, path, (field, v, at) =>
        {
            switch (field)
            {
                case "matches": matches = Bool(v, at); return true;
                case "legacy_attempts": legacy = Array(v, at, ReportJson.ReadAttempt); return true;
                case "executor_attempts": executor = Array(v, at, ReportJson.ReadAttempt); return true;
                case "classes" when allowClasses: read = Array(v, at, ReadClass); return true;
                default: return false;
            }
        });

        Require(matches is not null, path, "matches");
        Require(legacy is not null, path, "legacy_attempts");
        Require(executor is not null, path, "executor_attempts");
        var report = new ShadowReport(legacy!, executor!);
        if (report.Matches != matches)
        {
            throw Error(Field(path, "matches"), "does not agree with the two attempt lists");
        }

        classes = read;
        return report;
    }

    private static DivergenceClass ReadClass(JsonElement value, string path)
    {
        var name = String(value, path);
        return DivergenceClassNames.TryParse(name, out var divergence)
            ? divergence
            : throw Error(path, $"unknown divergence class '{name}'");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
