using System.Text.Json;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios.Harn;

namespace RouteShadow.Core.Scenarios;

/// <summary>The <c>harn</c> section, with the policy written back as the dict that parses to it.</summary>
public static partial class ScenarioWriter
{
    private static void WriteHarn(Utf8JsonWriter writer, HarnSection section)
    {
        var question = section.Question;
        writer.WriteStartObject("harn");
        WritePolicy(writer, question.Policy);
        writer.WriteStartObject("request");
        writer.WriteNumber("input_tokens", question.Request.InputTokens);
        writer.WriteNumber("max_tokens", question.Request.MaxTokens);
        writer.WriteEndObject();
        writer.WriteStartObject("pricing");
        foreach (var (key, price) in question.Pricing.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(key);
            writer.WriteNumber("input_per_1k", price.InputPer1K);
            writer.WriteNumber("output_per_1k", price.OutputPer1K);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteNumber("session_cost_usd", question.SessionCostUsd);
        writer.WriteStartArray("outcomes");
        foreach (var outcome in question.Outcomes)
        {
            WriteOutcome(writer, outcome);
        }

        writer.WriteEndArray();
        writer.WriteString("control", section.Control.Name);
        writer.WriteString("candidate", section.Candidate.Name);
        if (section.Expect is { } expect)
        {
            writer.WriteStartObject("expect");
            writer.WriteBoolean("matches", expect.Matches);
            HarnJson.WriteRun(writer, "control", expect.Control);
            HarnJson.WriteRun(writer, "candidate", expect.Candidate);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WritePolicy(Utf8JsonWriter writer, RoutingPolicy policy)
    {
        writer.WriteStartObject("policy");
        writer.WriteStartArray("chain");
        foreach (var link in policy.Chain)
        {
            WriteLink(writer, link);
        }

        writer.WriteEndArray();
        var failover = policy.Failover;
        writer.WriteStartObject("failover");
        writer.WriteStartArray("on_status");
        foreach (var status in failover.OnStatus)
        {
            writer.WriteNumberValue(status);
        }

        writer.WriteEndArray();
        WriteStringArray(writer, "on_error_kinds", failover.OnErrorKinds);
        WriteOptional(writer, "on_timeout_ms", failover.OnTimeoutMs);
        WriteOptional(writer, "max_attempts", failover.MaxAttempts);
        writer.WriteEndObject();
        writer.WriteStartObject("latency");
        WriteOptional(writer, "race_after_ms", policy.Latency.RaceAfterMs);
        WriteOptional(writer, "target_p95_ms", policy.Latency.TargetP95Ms);
        writer.WriteEndObject();
        if (policy.Budget is { } budget)
        {
            writer.WriteStartObject("budget");
            if (budget.PerCallUsd is { } perCall)
            {
                writer.WriteNumber("per_call_usd", perCall);
            }

            if (budget.SessionUsd is { } session)
            {
                writer.WriteNumber("session_usd", session);
            }

            writer.WriteString("on_exceed", budget.OnExceed.ToString().ToLowerInvariant());
            writer.WriteEndObject();
        }

        if (policy.EmitEvent is { } emit)
        {
            writer.WriteStartObject("observe");
            writer.WriteString("emit_event", emit);
            writer.WriteEndObject();
        }

        if (policy.Label is { } label)
        {
            writer.WriteString("label", label);
        }

        writer.WriteEndObject();
    }

    /// <summary>A link as <c>"provider:model"</c> when that reads back the same, else as a dict.</summary>
    private static void WriteLink(Utf8JsonWriter writer, PolicyLink link)
    {
        if (link.TimeoutMs is null && link.Label is null && !link.Provider.Contains(':', StringComparison.Ordinal))
        {
            writer.WriteStringValue(link.Key);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("provider", link.Provider);
        writer.WriteString("model", link.Model);
        WriteOptional(writer, "timeout_ms", link.TimeoutMs);
        if (link.Label is { } label)
        {
            writer.WriteString("label", label);
        }

        writer.WriteEndObject();
    }

    private static void WriteOutcome(Utf8JsonWriter writer, LinkOutcome outcome)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ms", outcome.Ms);
        if (outcome.Error is { } error)
        {
            writer.WriteString("error", error.Message);
            if (error.Form != ErrorForm.Thrown)
            {
                writer.WriteString("category", (error.Category ?? ErrorCategory.Generic).Label());
            }
        }
        else
        {
            writer.WriteNumber("output_tokens", outcome.OutputTokens);
            if (outcome.ReportedModel is { } model)
            {
                writer.WriteString("model", model);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } set)
        {
            writer.WriteNumber(name, set);
        }
    }
}
