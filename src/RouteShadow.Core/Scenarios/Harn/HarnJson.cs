using System.Text.Json;
using RouteShadow.Core.Engines.Harn;

namespace RouteShadow.Core.Scenarios.Harn;

/// <summary>The JSON shape of harn ledgers and runs: the fields a script sees in <c>routing.attempts[*]</c>.</summary>
public static class HarnJson
{
    public static void WriteRun(Utf8JsonWriter writer, string name, HarnRunSummary run)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("succeeded", run.Succeeded);
        if (run.Selected is { } selected)
        {
            writer.WriteNumber("selected", selected);
        }
        else
        {
            writer.WriteNull("selected");
        }

        writer.WriteStartArray("attempts");
        foreach (var attempt in run.Attempts)
        {
            WriteAttempt(writer, attempt);
        }

        writer.WriteEndArray();
        if (run.Error is { } error)
        {
            WriteError(writer, "error", error);
        }

        writer.WriteEndObject();
    }

    public static void WriteAttempt(Utf8JsonWriter writer, HarnAttempt attempt)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", attempt.Index);
        writer.WriteString("provider", attempt.Provider);
        writer.WriteString("model", attempt.Model);
        writer.WriteString("label", attempt.Label);
        writer.WriteString("status", attempt.Status.WireName());
        writer.WriteNumber("duration_ms", attempt.DurationMs);
        if (attempt.CostUsd is { } cost)
        {
            writer.WriteNumber("cost_usd", cost);
        }

        if (attempt.Error is { } error)
        {
            WriteError(writer, "error", error);
        }

        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, string name, ErrorSnapshot error)
    {
        writer.WriteStartObject(name);
        writer.WriteString("category", error.Category.Label());
        writer.WriteString("message", error.Message);
        if (error.Status is { } status)
        {
            writer.WriteNumber("status", status);
        }

        writer.WriteEndObject();
    }

    internal static HarnRunSummary ReadRun(ref JsonCursor c)
    {
        bool? succeeded = null;
        int? selected = null;
        HarnAttempt[]? attempts = null;
        ErrorSnapshot? error = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("error"u8))
            {
                c.Once(ref seen, 3);
                error = c.IsNull ? null : ReadError(ref c);
            }
            else if (c.FieldIs("succeeded"u8))
            {
                c.Once(ref seen, 0);
                succeeded = c.Bool();
            }
            else if (c.FieldIs("selected"u8))
            {
                c.Once(ref seen, 1);
                selected = c.IsNull ? null : c.Index();
            }
            else if (c.FieldIs("attempts"u8))
            {
                c.Once(ref seen, 2);
                attempts = c.Array(ReadAttempt);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new HarnRunSummary(succeeded ?? throw c.MissingField("succeeded"), selected, attempts ?? throw c.MissingField("attempts"), error);
    }

    private static HarnAttempt ReadAttempt(ref JsonCursor c)
    {
        int? index = null;
        string? provider = null, model = null, label = null;
        HarnAttemptStatus? status = null;
        long? duration = null;
        double? cost = null;
        ErrorSnapshot? error = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("index"u8))
            {
                c.Once(ref seen, 0);
                index = c.Index();
            }
            else if (c.FieldIs("provider"u8))
            {
                c.Once(ref seen, 1);
                provider = c.String();
            }
            else if (c.FieldIs("model"u8))
            {
                c.Once(ref seen, 2);
                model = c.String();
            }
            else if (c.FieldIs("label"u8))
            {
                c.Once(ref seen, 3);
                label = c.String();
            }
            else if (c.FieldIs("status"u8))
            {
                c.Once(ref seen, 4);
                var name = c.String();
                status = HarnAttemptStatuses.TryParse(name, out var parsed)
                    ? parsed
                    : throw c.Error($"unknown status '{name}', expected succeeded, failed, skipped or race_lost");
            }
            else if (c.FieldIs("duration_ms"u8))
            {
                c.Once(ref seen, 5);
                duration = NonNegativeInt(ref c);
            }
            else if (c.FieldIs("cost_usd"u8))
            {
                c.Once(ref seen, 6);
                cost = c.IsNull ? null : c.Number().Value;
            }
            else if (c.FieldIs("error"u8))
            {
                c.Once(ref seen, 7);
                error = c.IsNull ? null : ReadError(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new HarnAttempt(
            index ?? throw c.MissingField("index"),
            provider ?? throw c.MissingField("provider"),
            model ?? throw c.MissingField("model"),
            label ?? throw c.MissingField("label"),
            status ?? throw c.MissingField("status"),
            duration ?? throw c.MissingField("duration_ms"),
            cost,
            error);
    }

    private static ErrorSnapshot ReadError(ref JsonCursor c)
    {
        ErrorCategory? category = null;
        string? message = null;
        int? status = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("category"u8))
            {
                c.Once(ref seen, 0);
                category = Category(ref c);
            }
            else if (c.FieldIs("message"u8))
            {
                c.Once(ref seen, 1);
                message = c.String();
            }
            else if (c.FieldIs("status"u8))
            {
                c.Once(ref seen, 2);
                status = c.IsNull ? null : c.Index();
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new ErrorSnapshot(category ?? throw c.MissingField("category"), message ?? throw c.MissingField("message"), status);
    }

    /// <summary>An error category by its harn label.</summary>
    internal static ErrorCategory Category(ref JsonCursor c)
    {
        var label = c.String();
        return ErrorCategories.TryFromLabel(label, out var category)
            ? category
            : throw c.Error($"unknown error category '{label}'");
    }

    /// <summary>A non-negative integer that fits a <see cref="long"/>.</summary>
    internal static long NonNegativeInt(ref JsonCursor c)
    {
        var value = c.Int64();
        return value >= 0 ? value : throw c.Error("expected a non-negative integer");
    }

    /// <summary>A non-negative number, integer or not.</summary>
    internal static double NonNegativeNumber(ref JsonCursor c)
    {
        var value = c.Number().Value;
        return value >= 0 ? value : throw c.Error("expected a non-negative number");
    }
}
