using System.Text.Json;
using RouteShadow.Core.Engines.Harn;
using RouteShadow.Core.Scenarios.Harn;

namespace RouteShadow.Core.Scenarios;

/// <summary>
/// The <c>harn</c> section: a routing policy written as the dict a script passes to
/// <c>routing_policy(...)</c> and validated with harn's own messages, plus the request, pricing,
/// session spend, scripted link outcomes, the variants to shadow and their expectation.
/// </summary>
public static partial class ScenarioReader
{
    private static HarnSection ReadHarn(ref JsonCursor c)
    {
        RoutingPolicy? policy = null;
        var request = HarnRequest.Default;
        IReadOnlyDictionary<string, ModelPrice>? pricing = null;
        double session = 0;
        LinkOutcome[]? outcomes = null;
        HarnVariant control = HarnSection.DefaultControl, candidate = HarnSection.DefaultCandidate;
        HarnExpectation? expect = null;
        int outcomesAt = 0, seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("policy"u8))
            {
                c.Once(ref seen, 0);
                policy = ReadPolicy(ref c);
            }
            else if (c.FieldIs("request"u8))
            {
                c.Once(ref seen, 1);
                request = ReadHarnRequest(ref c);
            }
            else if (c.FieldIs("pricing"u8))
            {
                c.Once(ref seen, 2);
                pricing = c.Map(ReadPrice);
            }
            else if (c.FieldIs("session_cost_usd"u8))
            {
                c.Once(ref seen, 3);
                session = HarnJson.NonNegativeNumber(ref c);
            }
            else if (c.FieldIs("outcomes"u8))
            {
                c.Once(ref seen, 4);
                outcomesAt = c.Offset;
                outcomes = c.Array(ReadOutcome);
            }
            else if (c.FieldIs("control"u8))
            {
                c.Once(ref seen, 5);
                control = ReadHarnVariant(ref c);
            }
            else if (c.FieldIs("candidate"u8))
            {
                c.Once(ref seen, 6);
                candidate = ReadHarnVariant(ref c);
            }
            else if (c.FieldIs("expect"u8))
            {
                c.Once(ref seen, 7);
                expect = c.IsNull ? null : ReadHarnExpectation(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        if (policy is null)
        {
            throw c.MissingField("policy");
        }

        if (outcomes is { Length: var count } && count > policy.Chain.Count)
        {
            throw new ScenarioFormatException(
                JsonPaths.Field(c.Path(), "outcomes"),
                $"has {count} {Entries(count)} but the chain has {policy.Chain.Count} {(policy.Chain.Count == 1 ? "link" : "links")}",
                c.LineAt(outcomesAt));
        }

        var question = new HarnQuestion(policy, request, pricing ?? CompactMap<ModelPrice>.Empty, session, outcomes ?? []);
        return new HarnSection(question, control, candidate, expect);
    }

    /// <summary>Reads the policy dict as harn values, then validates it as <c>routing_policy(...)</c> would, at the offending value.</summary>
    private static RoutingPolicy ReadPolicy(ref JsonCursor c)
    {
        var value = ReadPolicyValue(ref c);
        try
        {
            return RoutingPolicyParser.Parse(value);
        }
        catch (RoutingPolicyException ex)
        {
            var origin = ex.At.Origin!;
            throw new ScenarioFormatException(origin.Path, ex.Message, origin.Line);
        }
    }

    private static PolicyValue ReadPolicyValue(ref JsonCursor c)
    {
        var origin = new ValueOrigin(c.Path(), c.LineAt(c.Offset));
        switch (c.Token)
        {
            case JsonTokenType.Null:
                return PolicyValue.Nil(origin);
            case JsonTokenType.True or JsonTokenType.False:
                return PolicyValue.Bool(c.Bool(), origin);
            case JsonTokenType.Number:
                var (integer, number) = c.Number();
                return integer is { } whole ? PolicyValue.Int(whole, origin) : PolicyValue.Float(number, origin);
            case JsonTokenType.String:
                return PolicyValue.String(c.String(), origin);
            case JsonTokenType.StartArray:
                var items = new List<PolicyValue>();
                c.EnterArray();
                while (c.NextItem())
                {
                    items.Add(ReadPolicyValue(ref c));
                }

                return PolicyValue.List(items, origin);
            default:
                var entries = new List<KeyValuePair<string, PolicyValue>>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                c.EnterObject();
                while (c.NextField())
                {
                    var key = c.FieldName();
                    entries.Add(keys.Add(key) ? KeyValuePair.Create(key, ReadPolicyValue(ref c)) : throw c.Error("duplicate key"));
                }

                return PolicyValue.Dict(entries, origin);
        }
    }

    private static HarnRequest ReadHarnRequest(ref JsonCursor c)
    {
        var request = HarnRequest.Default;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("input_tokens"u8))
            {
                c.Once(ref seen, 0);
                request = request with { InputTokens = HarnJson.NonNegativeInt(ref c) };
            }
            else if (c.FieldIs("max_tokens"u8))
            {
                c.Once(ref seen, 1);
                request = request with { MaxTokens = HarnJson.NonNegativeInt(ref c) };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return request;
    }

    private static ModelPrice ReadPrice(ref JsonCursor c)
    {
        double? input = null, output = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("input_per_1k"u8))
            {
                c.Once(ref seen, 0);
                input = HarnJson.NonNegativeNumber(ref c);
            }
            else if (c.FieldIs("output_per_1k"u8))
            {
                c.Once(ref seen, 1);
                output = HarnJson.NonNegativeNumber(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new ModelPrice(input ?? throw c.MissingField("input_per_1k"), output ?? throw c.MissingField("output_per_1k"));
    }

    /// <summary>
    /// <c>{"ms": …, "error": "…", "category": "…"}</c>: an error with a category is a categorised
    /// error, one without is a thrown string the classifier reads; no error is a result.
    /// </summary>
    private static LinkOutcome ReadOutcome(ref JsonCursor c)
    {
        var outcome = LinkOutcome.Default;
        string? message = null;
        ErrorCategory? category = null;
        int categoryAt = 0, seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("ms"u8))
            {
                c.Once(ref seen, 0);
                outcome = outcome with { Ms = HarnJson.NonNegativeInt(ref c) };
            }
            else if (c.FieldIs("error"u8))
            {
                c.Once(ref seen, 1);
                message = c.String();
            }
            else if (c.FieldIs("category"u8))
            {
                c.Once(ref seen, 2);
                categoryAt = c.FieldOffset;
                category = HarnJson.Category(ref c);
            }
            else if (c.FieldIs("output_tokens"u8))
            {
                c.Once(ref seen, 3);
                outcome = outcome with { OutputTokens = HarnJson.NonNegativeInt(ref c) };
            }
            else if (c.FieldIs("model"u8))
            {
                c.Once(ref seen, 4);
                outcome = outcome with { ReportedModel = c.String() };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        if (message is null)
        {
            return category is null ? outcome : throw c.FieldError("category", categoryAt, "a category needs an error");
        }

        return outcome with { Error = category is { } known ? LinkError.Of(known, message) : LinkError.ThrownString(message) };
    }

    private static HarnVariant ReadHarnVariant(ref JsonCursor c)
    {
        var name = c.String();
        return HarnVariant.ByName(name)
               ?? throw c.Error($"unknown harn variant '{name}', expected one of {string.Join(", ", HarnVariant.Named.Select(v => v.Name))}");
    }

    private static HarnExpectation ReadHarnExpectation(ref JsonCursor c)
    {
        bool? matches = null;
        HarnRunSummary? control = null, candidate = null;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("matches"u8))
            {
                c.Once(ref seen, 0);
                matches = c.Bool();
            }
            else if (c.FieldIs("control"u8))
            {
                c.Once(ref seen, 1);
                control = HarnJson.ReadRun(ref c);
            }
            else if (c.FieldIs("candidate"u8))
            {
                c.Once(ref seen, 2);
                candidate = HarnJson.ReadRun(ref c);
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new HarnExpectation(
            matches ?? throw c.MissingField("matches"),
            control ?? throw c.MissingField("control"),
            candidate ?? throw c.MissingField("candidate"));
    }
}
