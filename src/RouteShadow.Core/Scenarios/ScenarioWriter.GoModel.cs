using System.Text.Json;
using RouteShadow.Core.Engines.GoModel;

namespace RouteShadow.Core.Scenarios;

/// <summary>The <c>gomodel</c> section in canonical form: the normalised config with every key, then state, steps, replies, expectation.</summary>
public static partial class ScenarioWriter
{
    private static void WriteGoModel(Utf8JsonWriter writer, GoModelSection section)
    {
        writer.WriteStartObject("gomodel");
        writer.WriteStartObject("engines");
        writer.WriteString("control", section.Control.Name);
        writer.WriteString("candidate", section.Candidate.Name);
        writer.WriteEndObject();
        WriteRouting(writer, section.Config);
        WriteGoModelState(writer, section.State);
        writer.WriteStartArray("steps");
        foreach (var step in section.Steps)
        {
            WriteGoModelStep(writer, step);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("replies");
        foreach (var (candidate, replies) in section.Replies.ByCandidate.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            writer.WriteStartArray(candidate);
            foreach (var reply in replies)
            {
                writer.WriteStartObject();
                writer.WriteNumber("status", reply.Status);
                writer.WriteString("message", reply.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        if (section.Expect is { } expect)
        {
            writer.WriteStartObject("expect");
            writer.WriteBoolean("matches", expect.Matches);
            if (expect.FirstDivergence is { } first)
            {
                writer.WriteNumber("first_divergence", first);
            }
            else
            {
                writer.WriteNull("first_divergence");
            }

            writer.WriteStartArray("violations");
            foreach (var bug in expect.Violations.Order())
            {
                writer.WriteStringValue(bug.WireName());
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteRouting(Utf8JsonWriter writer, GoModelConfig config)
    {
        var defaults = config.Defaults;
        writer.WriteStartObject("routing");
        writer.WriteStartObject("defaults");
        writer.WriteString("strategy", defaults.Strategy == PoolStrategy.PriorityFailover ? "priority_failover" : "weighted_round_robin");
        writer.WriteBoolean("session_affinity", defaults.SessionAffinity);
        writer.WriteNumber("session_affinity_ttl_ms", defaults.SessionAffinityTtlMs);
        writer.WriteStartObject("failover");
        writer.WriteBoolean("enabled", defaults.Failover.Enabled);
        writer.WriteNumber("max_attempts", defaults.Failover.MaxAttempts);
        writer.WriteStartArray("retry_on_statuses");
        foreach (var status in defaults.Failover.RetryOnStatuses)
        {
            writer.WriteNumberValue(status);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("retry_on_model_errors", defaults.Failover.RetryOnModelErrors);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("model_pools");
        foreach (var pool in config.Pools)
        {
            writer.WriteStartObject(pool.Canonical);
            writer.WriteStartArray("candidates");
            foreach (var candidate in pool.Candidates)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", candidate.Provider);
                writer.WriteString("model", candidate.Model);
                writer.WriteNumber("priority", candidate.Priority);
                writer.WriteNumber("weight", candidate.Weight);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteGoModelState(Utf8JsonWriter writer, GoModelSnapshot state)
    {
        writer.WriteStartObject("state");
        WriteCounters(writer, "counters", state.Counters);
        WriteCounters(writer, "lister_counters", state.ListerCounters);
        writer.WriteStartArray("pins");
        foreach (var pin in state.Pins)
        {
            writer.WriteStartObject();
            writer.WriteString("key", pin.Key);
            writer.WriteString("candidate", pin.Candidate);
            writer.WriteNumber("expires_in_ms", pin.ExpiresInMs);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("routing_state");
        foreach (var row in state.RoutingState)
        {
            writer.WriteStartObject();
            WriteStateRow(writer, row);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("runtime");
        foreach (var (provider, runtime) in state.Providers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(provider);
            writer.WriteNumber("discovered", runtime.Discovered);
            writer.WriteString("model_fetch_error", runtime.ModelFetchError);
            writer.WriteString("availability_error", runtime.AvailabilityError);
            writer.WriteBoolean("cached_only", runtime.CachedOnly);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteCounters(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, long> counters)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in counters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteGoModelStep(Utf8JsonWriter writer, GoModelStep step)
    {
        writer.WriteStartObject();
        switch (step)
        {
            case RequestStep request:
                writer.WriteString("op", "request");
                writer.WriteString("model", request.Model);
                writer.WriteString("provider", request.Provider);
                writer.WriteString("user_path", request.UserPath);
                writer.WriteString("request_id", request.RequestId);
                break;
            case ListModelsStep:
                writer.WriteString("op", "list_models");
                break;
            case SetStateStep set:
                writer.WriteString("op", "set_state");
                WriteStateRow(writer, set.Entry);
                break;
            case AdvanceStep advance:
                writer.WriteString("op", "advance");
                writer.WriteNumber("ms", advance.Ms);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "unknown step");
        }

        writer.WriteEndObject();
    }

    private static void WriteStateRow(Utf8JsonWriter writer, RoutingStateEntry row)
    {
        writer.WriteString("kind", RoutingStateEntry.KindName(row.Kind));
        writer.WriteString("provider_name", row.Provider);
        writer.WriteString("canonical_model", row.Canonical);
        writer.WriteString("model", row.Model);
        writer.WriteBoolean("enabled", row.Enabled);
    }
}
