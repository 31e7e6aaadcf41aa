namespace RouteShadow.Core.Engines.Harn;

/// <summary>
/// Validates a config dict as <c>routing_policy(...)</c> does and parses it (seed-engines A.2).
/// Messages are harn's, paths included — note that scalar options name only their own key
/// (<c>routing_policy.on_timeout_ms</c>, not <c>routing_policy.failover.on_timeout_ms</c>), as harn's do.
/// Unknown keys are ignored, as in harn.
/// </summary>
public static class RoutingPolicyParser
{
    private const string Root = "routing_policy";

    public static RoutingPolicy Parse(PolicyValue config)
    {
        if (config.Kind != PolicyValueKind.Dict)
        {
            throw new RoutingPolicyException($"{Root}: expected dict, got {config.TypeName}", config);
        }

        var chain = Chain(config);
        var failover = Section(config, "failover");
        var latency = Section(config, "latency");
        var budget = Section(config, "budget");
        var observe = Section(config, "observe");
        return new RoutingPolicy(
            chain,
            failover is null ? FailoverRules.Defaults : Failover(failover),
            latency is null
                ? LatencyRules.None
                : new LatencyRules(NonNegativeInt(latency, "race_after_ms"), NonNegativeInt(latency, "target_p95_ms")),
            budget is null ? null : Budget(budget),
            observe is null ? null : EmitEvent(observe),
            OptionalLabel(config.Field("label")));
    }

    private static List<PolicyLink> Chain(PolicyValue config)
    {
        var chain = config.Field("chain");
        if (chain is null || chain.IsNil)
        {
            throw new RoutingPolicyException($"{Root}: `chain` is required (list of {{provider, model}})", chain ?? config);
        }

        if (chain.Kind != PolicyValueKind.List)
        {
            throw new RoutingPolicyException($"{Root}.chain: expected a list, got {chain.TypeName}", chain);
        }

        if (chain.Items.Count == 0)
        {
            throw new RoutingPolicyException($"{Root}.chain: at least one {{provider, model}} entry is required", chain);
        }

        return [.. chain.Items.Select(Link)];
    }

    private static PolicyLink Link(PolicyValue item, int i)
    {
        switch (item.Kind)
        {
            case PolicyValueKind.String:
                var text = item.AsString;
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                var provider = colon < 0 ? string.Empty : text[..colon].Trim();
                var model = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
                return provider.Length > 0 && model.Length > 0
                    ? new PolicyLink(provider, model)
                    : throw new RoutingPolicyException(
                        $"{Root}.chain[{i}]: expected {{provider, model}} dict or \"provider:model\" string, got {item.Debug()}", item);
            case PolicyValueKind.Dict:
                var dictProvider = item.Field("provider") is { IsNil: false } p ? p.Display().Trim() : string.Empty;
                var dictModel = item.Field("model") is { IsNil: false } m ? m.Display().Trim() : string.Empty;
                if (dictProvider.Length == 0 || dictModel.Length == 0)
                {
                    throw new RoutingPolicyException(
                        $"{Root}.chain[{i}]: both provider and model are required (got provider={PolicyValue.Quote(dictProvider)}, model={PolicyValue.Quote(dictModel)})",
                        item);
                }

                return new PolicyLink(dictProvider, dictModel, TimeoutMs(item), OptionalLabel(item.Field("label")));
            default:
                throw new RoutingPolicyException($"{Root}.chain[{i}]: expected dict or string, got {item.TypeName}", item);
        }
    }

    /// <summary>A link's <c>timeout_ms</c>: a non-negative int, or a float truncated.</summary>
    private static long? TimeoutMs(PolicyValue link)
    {
        var value = link.Field("timeout_ms");
        return value switch
        {
            null or { IsNil: true } => null,
            { Kind: PolicyValueKind.Int, AsInt: >= 0 } => value.AsInt,
            { Kind: PolicyValueKind.Float, AsFloat: >= 0 and < long.MaxValue } => (long)value.AsFloat,
            _ => throw NotNonNegativeInt("timeout_ms", value),
        };
    }

    /// <summary>A section: a dict, or absent (<c>nil</c> counts as absent).</summary>
    private static PolicyValue? Section(PolicyValue config, string name) => config.Field(name) switch
    {
        null or { IsNil: true } => null,
        { Kind: PolicyValueKind.Dict } section => section,
        var other => throw new RoutingPolicyException($"{Root}.{name}: expected dict, got {other.TypeName}", other),
    };

    private static FailoverRules Failover(PolicyValue failover) => new(
        OnStatus(failover.Field("on_status")),
        OnErrorKinds(failover.Field("on_error_kinds")),
        NonNegativeInt(failover, "on_timeout_ms"),
        NonNegativeInt(failover, "max_attempts"));

    private static List<int> OnStatus(PolicyValue? value)
    {
        if (value is null || value.IsNil)
        {
            return [];
        }

        const string path = $"{Root}.failover.on_status";
        if (value.Kind != PolicyValueKind.List)
        {
            throw new RoutingPolicyException($"{path}: expected a list of HTTP status codes", value);
        }

        var statuses = new List<int>();
        foreach (var item in value.Items)
        {
            if (item.Kind != PolicyValueKind.Int)
            {
                throw new RoutingPolicyException($"{path}: expected integer status codes (got {item.TypeName})", item);
            }

            statuses.Add(item.AsInt is >= 100 and <= 599
                ? (int)item.AsInt
                : throw new RoutingPolicyException($"{path}: {item.AsInt} is not a valid HTTP status (100..=599)", item));
        }

        return statuses;
    }

    /// <summary>
    /// A list (display forms, trimmed, empties dropped, deduplicated) or a comma-separated string
    /// (trimmed, empties dropped, not deduplicated). Unknown kind names are accepted: they never match.
    /// </summary>
    private static List<string> OnErrorKinds(PolicyValue? value) => value switch
    {
        null or { IsNil: true } => [],
        { Kind: PolicyValueKind.List } => [.. value.Items.Select(i => i.Display().Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)],
        { Kind: PolicyValueKind.String } => [.. value.AsString.Split(',').Select(k => k.Trim()).Where(k => k.Length > 0)],
        _ => throw new RoutingPolicyException($"{Root}.on_error_kinds: expected a list of strings (got {value.TypeName})", value),
    };

    private static BudgetRules? Budget(PolicyValue budget)
    {
        var perCall = NonNegativeNumber(budget, "per_call_usd");
        var session = NonNegativeNumber(budget, "session_usd");
        var onExceed = OnExceedOf(budget.Field("on_exceed"));
        return perCall is null && session is null ? null : new BudgetRules(perCall, session, onExceed);
    }

    private static OnExceed OnExceedOf(PolicyValue? value)
    {
        if (value is null || value.IsNil)
        {
            return OnExceed.Abort;
        }

        const string path = $"{Root}.budget.on_exceed";
        if (value.Kind != PolicyValueKind.String)
        {
            throw new RoutingPolicyException($"{path}: expected a string, got {value.TypeName}", value);
        }

        return value.AsString.Trim().ToLowerInvariant() switch
        {
            "" or "abort" => OnExceed.Abort,
            "skip" or "downgrade" => OnExceed.Skip,
            "warn" => OnExceed.Warn,
            _ => throw new RoutingPolicyException($"{path}: expected one of abort|skip|warn, got {PolicyValue.Quote(value.AsString)}", value),
        };
    }

    private static string? EmitEvent(PolicyValue observe) => observe.Field("emit_event") switch
    {
        null or { IsNil: true } => null,
        { Kind: PolicyValueKind.String } value => value.AsString.Trim() is { Length: > 0 } name ? name : null,
        var other => throw new RoutingPolicyException($"{Root}.observe.emit_event: expected a string, got {other.TypeName}", other),
    };

    /// <summary>A policy or link label: a string or nil; empty counts as unset.</summary>
    private static string? OptionalLabel(PolicyValue? value) => value switch
    {
        null or { IsNil: true } => null,
        { Kind: PolicyValueKind.String } => value.AsString.Length > 0 ? value.AsString : null,
        _ => throw new RoutingPolicyException($"{Root}.label: expected a string, got {value.TypeName}", value),
    };

    private static long? NonNegativeInt(PolicyValue section, string key) => section.Field(key) switch
    {
        null or { IsNil: true } => null,
        { Kind: PolicyValueKind.Int, AsInt: >= 0 } value => value.AsInt,
        var other => throw NotNonNegativeInt(key, other),
    };

    private static double? NonNegativeNumber(PolicyValue section, string key) => section.Field(key) switch
    {
        null or { IsNil: true } => null,
        { Kind: PolicyValueKind.Int, AsInt: >= 0 } value => value.AsInt,
        { Kind: PolicyValueKind.Float, AsFloat: >= 0 } value => value.AsFloat,
        var other => throw new RoutingPolicyException($"{Root}.{key}: expected a non-negative number (got {other.TypeName})", other),
    };

    private static RoutingPolicyException NotNonNegativeInt(string key, PolicyValue value) =>
        new($"{Root}.{key}: expected a non-negative integer (got {value.TypeName})", value);
}
