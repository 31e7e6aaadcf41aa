using RouteShadow.Core.Engines.GoModel;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// The <c>gomodel</c> section (docs/scenario-format.md): GoModel's routing config, the state it
/// starts from, the steps, the upstream replies, the variant pair and the expectation. The routing
/// block is loaded as GoModel loads it, so its errors carry GoModel's messages at the block's path.
/// </summary>
public static partial class ScenarioReader
{
    private static GoModelSection ReadGoModel(ref JsonCursor c)
    {
        GoModelConfig? config = null;
        var state = GoModelSnapshot.Fresh;
        GoModelStep[] steps = [];
        var replies = ScriptedReplies.AllSucceed;
        (GoModelVariant Control, GoModelVariant Candidate) engines = (GoModelVariant.Specified, GoModelVariant.Head);
        GoModelExpectation? expect = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("engines"u8))
            {
                c.Once(ref seen, 0);
                engines = ReadGoModelEngines(ref c);
            }
            else if (c.FieldIs("routing"u8))
            {
                c.Once(ref seen, 1);
                var at = c.Offset;
                var path = c.Path();
                var raw = ReadRouting(ref c);
                try
                {
                    config = GoModelConfigLoader.Load(raw);
                }
                catch (GoModelConfigException ex)
                {
                    throw new ScenarioFormatException(path, ex.Message, c.LineAt(at));
                }
            }
            else if (c.FieldIs("state"u8))
            {
                c.Once(ref seen, 2);
                state = ReadGoModelState(ref c);
            }
            else if (c.FieldIs("steps"u8))
            {
                c.Once(ref seen, 3);
                steps = c.Array(ReadGoModelStep) ?? [];
            }
            else if (c.FieldIs("replies"u8))
            {
                c.Once(ref seen, 4);
                replies = new ScriptedReplies(c.MapOrEmpty(static (ref JsonCursor v) => (IReadOnlyList<UpstreamReply>)(v.Array(ReadReply) ?? [])));
            }
            else if (c.FieldIs("expect"u8))
            {
                c.Once(ref seen, 5);
                expect = c.IsNull ? null : ReadGoModelExpect(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return config is null
            ? throw c.MissingField("routing")
            : new GoModelSection(config, state, steps, replies, engines.Control, engines.Candidate, expect);
    }

    private static (GoModelVariant, GoModelVariant) ReadGoModelEngines(ref JsonCursor c)
    {
        GoModelVariant control = GoModelVariant.Specified, candidate = GoModelVariant.Head;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("control"u8))
            {
                c.Once(ref seen, 0);
                control = ReadGoModelVariant(ref c);
            }
            else if (c.FieldIs("candidate"u8))
            {
                c.Once(ref seen, 1);
                candidate = ReadGoModelVariant(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return (control, candidate);
    }

    private static GoModelVariant ReadGoModelVariant(ref JsonCursor c)
    {
        var name = c.String();
        return GoModelVariant.Named(name)
               ?? throw c.Error($"unknown variant '{name}', expected one of: {string.Join(", ", GoModelVariant.All.Select(v => v.Name))}");
    }

    private static RawRoutingConfig ReadRouting(ref JsonCursor c)
    {
        var raw = new RawRoutingConfig(null, null, null, null, null, null, null, []);
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("defaults"u8))
            {
                c.Once(ref seen, 0);
                raw = ReadDefaults(ref c, raw);
            }
            else if (c.FieldIs("model_pools"u8))
            {
                c.Once(ref seen, 1);
                var pools = c.MapOrEmpty(ReadPool);
                raw = raw with { Pools = [.. pools] };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return raw;
    }

    private static RawRoutingConfig ReadDefaults(ref JsonCursor c, RawRoutingConfig raw)
    {
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("strategy"u8))
            {
                c.Once(ref seen, 0);
                raw = raw with { Strategy = c.String() };
            }
            else if (c.FieldIs("session_affinity"u8))
            {
                c.Once(ref seen, 1);
                raw = raw with { SessionAffinity = c.Bool() };
            }
            else if (c.FieldIs("session_affinity_ttl_ms"u8))
            {
                c.Once(ref seen, 2);
                raw = raw with { SessionAffinityTtlMs = c.Int64() };
            }
            else if (c.FieldIs("failover"u8))
            {
                c.Once(ref seen, 3);
                raw = ReadFailover(ref c, raw);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return raw;
    }

    private static RawRoutingConfig ReadFailover(ref JsonCursor c, RawRoutingConfig raw)
    {
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("enabled"u8))
            {
                c.Once(ref seen, 0);
                raw = raw with { FailoverEnabled = c.Bool() };
            }
            else if (c.FieldIs("max_attempts"u8))
            {
                c.Once(ref seen, 1);
                raw = raw with { MaxAttempts = Int32(ref c) };
            }
            else if (c.FieldIs("retry_on_statuses"u8))
            {
                c.Once(ref seen, 2);
                raw = raw with { RetryOnStatuses = c.Array(Int32) };
            }
            else if (c.FieldIs("retry_on_model_errors"u8))
            {
                c.Once(ref seen, 3);
                raw = raw with { RetryOnModelErrors = c.Bool() };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return raw;
    }

    private static IReadOnlyList<RawCandidate> ReadPool(ref JsonCursor c)
    {
        IReadOnlyList<RawCandidate> candidates = [];
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("candidates"u8))
            {
                c.Once(ref seen, 0);
                candidates = c.Array(ReadCandidate) ?? [];
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return candidates;
    }

    private static RawCandidate ReadCandidate(ref JsonCursor c)
    {
        var candidate = new RawCandidate(null, null, 0, 0);
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("provider"u8))
            {
                c.Once(ref seen, 0);
                candidate = candidate with { Provider = c.NullableString() };
            }
            else if (c.FieldIs("model"u8))
            {
                c.Once(ref seen, 1);
                candidate = candidate with { Model = c.NullableString() };
            }
            else if (c.FieldIs("priority"u8))
            {
                c.Once(ref seen, 2);
                candidate = candidate with { Priority = Int32(ref c) };
            }
            else if (c.FieldIs("weight"u8))
            {
                c.Once(ref seen, 3);
                candidate = candidate with { Weight = Int32(ref c) };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return candidate;
    }

    private static GoModelSnapshot ReadGoModelState(ref JsonCursor c)
    {
        var state = GoModelSnapshot.Fresh;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("counters"u8))
            {
                c.Once(ref seen, 0);
                state = state with { Counters = c.MapOrEmpty(static (ref JsonCursor v) => v.Int64()) };
            }
            else if (c.FieldIs("lister_counters"u8))
            {
                c.Once(ref seen, 1);
                state = state with { ListerCounters = c.MapOrEmpty(static (ref JsonCursor v) => v.Int64()) };
            }
            else if (c.FieldIs("pins"u8))
            {
                c.Once(ref seen, 2);
                state = state with { Pins = c.Array(ReadPin) ?? [] };
            }
            else if (c.FieldIs("routing_state"u8))
            {
                c.Once(ref seen, 3);
                state = state with { RoutingState = c.Array(ReadStateRow) ?? [] };
            }
            else if (c.FieldIs("runtime"u8))
            {
                c.Once(ref seen, 4);
                state = state with { Providers = c.MapOrEmpty(ReadRuntime) };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return state;
    }

    private static AffinityPin ReadPin(ref JsonCursor c)
    {
        string? key = null, candidate = null;
        long? expiresIn = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("key"u8))
            {
                c.Once(ref seen, 0);
                key = c.String();
            }
            else if (c.FieldIs("candidate"u8))
            {
                c.Once(ref seen, 1);
                candidate = c.String();
            }
            else if (c.FieldIs("expires_in_ms"u8))
            {
                c.Once(ref seen, 2);
                expiresIn = c.Int64();
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new AffinityPin(
            key ?? throw c.MissingField("key"), candidate ?? throw c.MissingField("candidate"), expiresIn ?? throw c.MissingField("expires_in_ms"));
    }

    private static ProviderRuntime ReadRuntime(ref JsonCursor c)
    {
        var runtime = new ProviderRuntime(0, null, null, false);
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("discovered"u8))
            {
                c.Once(ref seen, 0);
                runtime = runtime with { Discovered = c.Index() };
            }
            else if (c.FieldIs("model_fetch_error"u8))
            {
                c.Once(ref seen, 1);
                runtime = runtime with { ModelFetchError = c.NullableString() };
            }
            else if (c.FieldIs("availability_error"u8))
            {
                c.Once(ref seen, 2);
                runtime = runtime with { AvailabilityError = c.NullableString() };
            }
            else if (c.FieldIs("cached_only"u8))
            {
                c.Once(ref seen, 3);
                runtime = runtime with { CachedOnly = c.Bool() };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return runtime;
    }

    /// <summary>A step's fields in the bit order they are marked, so a field another op owns is named in the error.</summary>
    private static readonly string[] GoModelStepFields =
        ["op", "model", "provider", "user_path", "request_id", "kind", "provider_name", "canonical_model", "enabled", "ms"];

    private static GoModelStep ReadGoModelStep(ref JsonCursor c)
    {
        var step = ReadStepFields(ref c, out var op);
        const int request = 0b0000011111, listModels = 0b0000000001, setState = 0b0111100011, advance = 0b1000000001;
        var allowed = op switch
        {
            "request" => request,
            "list_models" => listModels,
            "set_state" => setState,
            "advance" => advance,
            null => throw c.MissingField("op"),
            _ => throw c.FieldError("op", step.OpAt, $"unknown op '{op}', expected request, list_models, set_state or advance"),
        };
        step.RejectOthers(allowed, op, ref c);
        return op switch
        {
            "request" => new RequestStep(step.Model ?? throw c.MissingField("model"), step.Provider, step.UserPath, step.RequestId),
            "list_models" => new ListModelsStep(),
            "set_state" => new SetStateStep(step.Entry(ref c)),
            _ => new AdvanceStep(step.Ms ?? throw c.MissingField("ms")),
        };
    }

    /// <summary>A <c>routing_state</c> row: the fields of a <c>set_state</c> step without its op.</summary>
    private static RoutingStateEntry ReadStateRow(ref JsonCursor c)
    {
        var row = ReadStepFields(ref c, out _);
        row.RejectOthers(0b0111100010, "routing_state", ref c);
        return row.Entry(ref c);
    }

    private static RawStep ReadStepFields(ref JsonCursor c, out string? op)
    {
        var step = new RawStep();
        op = null;
        c.EnterObject();
        while (c.NextField())
        {
            var bit = System.Array.IndexOf(GoModelStepFields, c.FieldName());
            if (bit < 0)
            {
                throw c.UnknownField();
            }

            c.Once(ref step.Seen, bit);
            step.FieldAt[bit] = c.FieldOffset;
            switch (bit)
            {
                case 0:
                    step.OpAt = c.Offset;
                    op = c.String();
                    break;
                case 1:
                    step.Model = c.NullableString();
                    break;
                case 2:
                    step.Provider = c.NullableString();
                    break;
                case 3:
                    step.UserPath = c.NullableString();
                    break;
                case 4:
                    step.RequestId = c.NullableString();
                    break;
                case 5:
                    step.KindAt = c.Offset;
                    step.Kind = c.String();
                    break;
                case 6:
                    step.ProviderName = c.NullableString();
                    break;
                case 7:
                    step.Canonical = c.NullableString();
                    break;
                case 8:
                    step.Enabled = c.Bool();
                    break;
                default:
                    var ms = c.Int64();
                    step.Ms = ms >= 0 ? ms : throw c.Error("a clock advance cannot be negative");
                    break;
            }
        }

        return step;
    }

    private static UpstreamReply ReadReply(ref JsonCursor c)
    {
        int? status = null;
        var message = string.Empty;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("status"u8))
            {
                c.Once(ref seen, 0);
                var value = c.Int64();
                status = value is >= 100 and <= 599 ? (int)value : throw c.Error("a status is 100..599");
            }
            else if (c.FieldIs("message"u8))
            {
                c.Once(ref seen, 1);
                message = c.String();
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new UpstreamReply(status ?? throw c.MissingField("status"), message);
    }

    private static GoModelExpectation ReadGoModelExpect(ref JsonCursor c)
    {
        bool? matches = null;
        int? first = null;
        GoModelBugs[] violations = [];
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("matches"u8))
            {
                c.Once(ref seen, 0);
                matches = c.Bool();
            }
            else if (c.FieldIs("first_divergence"u8))
            {
                c.Once(ref seen, 1);
                first = c.IsNull ? null : c.Index();
            }
            else if (c.FieldIs("violations"u8))
            {
                c.Once(ref seen, 2);
                violations = c.Array(static (ref JsonCursor v) =>
                {
                    var name = v.String();
                    return GoModelBugNames.TryParse(name, out var bug)
                        ? bug
                        : throw v.Error($"unknown check '{name}', expected one of: {string.Join(", ", GoModelBugNames.Each.Select(b => b.WireName()))}");
                }) ?? [];
            }
            else
            {
                throw c.UnknownField();
            }
        }

        var agree = matches ?? throw c.MissingField("matches");
        return agree == first is null
            ? new GoModelExpectation(agree, first, violations)
            : throw c.Error(agree ? "matching ledgers have no first_divergence" : "differing ledgers need a first_divergence");
    }

    private static int Int32(ref JsonCursor c)
    {
        var value = c.Int64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw c.Error($"{value} is out of range");
    }

    /// <summary>A step or routing-state row as written, with where each field was, until its op is known.</summary>
    private sealed class RawStep
    {
        public int Seen;

        public int[] FieldAt { get; } = new int[GoModelStepFields.Length];

        public int OpAt { get; set; }

        public string? Model { get; set; }

        public string? Provider { get; set; }

        public string? UserPath { get; set; }

        public string? RequestId { get; set; }

        public string? Kind { get; set; }

        public int KindAt { get; set; }

        public string? ProviderName { get; set; }

        public string? Canonical { get; set; }

        public bool? Enabled { get; set; }

        public long? Ms { get; set; }

        public void RejectOthers(int allowed, string owner, ref JsonCursor c)
        {
            if ((Seen & ~allowed) != 0)
            {
                var stray = System.Numerics.BitOperations.TrailingZeroCount(Seen & ~allowed);
                throw c.FieldError(GoModelStepFields[stray], FieldAt[stray], $"unknown field for '{owner}'");
            }
        }

        /// <summary>The row GoModel's admin API would store, with its validation messages (spec B.10).</summary>
        public RoutingStateEntry Entry(ref JsonCursor c)
        {
            var kind = (Kind ?? throw c.MissingField("kind")).Trim().ToLowerInvariant() switch
            {
                "provider" => RoutingStateKind.Provider,
                "canonical_model" => RoutingStateKind.CanonicalModel,
                "pool_candidate" => RoutingStateKind.PoolCandidate,
                _ => throw c.FieldError("kind", KindAt, "kind must be one of: provider, canonical_model, pool_candidate"),
            };
            var problem = kind switch
            {
                RoutingStateKind.Provider when string.IsNullOrWhiteSpace(ProviderName) => "provider_name is required",
                RoutingStateKind.CanonicalModel when string.IsNullOrWhiteSpace(Canonical) => "canonical_model is required",
                RoutingStateKind.PoolCandidate when string.IsNullOrWhiteSpace(ProviderName) || string.IsNullOrWhiteSpace(Model) =>
                    "provider_name and model are required for pool_candidate",
                _ when Enabled is null => "enabled is required",
                _ => null,
            };
            return problem is null
                ? new RoutingStateEntry(kind, ProviderName?.Trim(), Canonical?.Trim(), Model?.Trim(), Enabled!.Value)
                : throw c.Error(problem);
        }
    }
}
