using RouteShadow.Core.Engines;
using RouteShadow.Traces.Config;
using RouteShadow.Traces.Input;
using RouteShadow.Traces.Secrets;

namespace RouteShadow.Traces.ControlTrace;

/// <summary>
/// One reader per payload of the event catalogue. Payload keys are written sorted, so every
/// reader goes by key; keys it does not know are skipped.
/// </summary>
internal static class TracePayloads
{
    public static StationSelection StationSelection(ref JsonFields f, string path)
    {
        string? mode = null, session = null, active = null, pinnedSource = null, pinnedName = null, selected = null;
        string? entry = null, note = null, error = null, target = null;
        int? selectedUpstreams = null;
        List<string> selectedNames = [];
        List<PlannedStation> selectedDetails = [], eligible = [];
        List<TraceCandidate> candidates = [];

        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("mode"u8)) mode = f.Shared("mode");
            else if (f.Is("session_id"u8)) session = f.NullableShared("session_id");
            else if (f.Is("active_station"u8)) active = f.NullableShared("active_station");
            else if (f.Is("pinned_source"u8)) pinnedSource = f.NullableShared("pinned_source");
            else if (f.Is("pinned_name"u8)) pinnedName = f.NullableShared("pinned_name");
            else if (f.Is("selected_station"u8)) selected = f.NullableShared("selected_station");
            else if (f.Is("selected_upstreams"u8)) selectedUpstreams = f.IsNull ? null : f.Index("selected_upstreams");
            else if (f.Is("selected_stations"u8)) selectedNames = f.Strings("selected_stations");
            else if (f.Is("selected_details"u8)) selectedDetails = Stations(ref f, "selected_details");
            else if (f.Is("eligible_details"u8) || f.Is("eligible_stations"u8)) eligible.AddRange(Stations(ref f, "eligible_details"));
            else if (f.Is("entry"u8)) entry = f.NullableShared("entry");
            else if (f.Is("provider_endpoint_candidates"u8)) candidates = Candidates(ref f, "provider_endpoint_candidates");
            else if (f.Is("note"u8)) note = f.NullableShared("note");
            else if (f.Is("error"u8)) error = f.NullableRedacted("error");
            else if (f.Is("target"u8)) target = f.NullableShared("target");
            else f.SkipValue();
        }

        // The plan order: the selected list, the selected details (multi-level) or the single selection.
        List<PlannedStation> stations = selectedDetails.Count > 0 ? selectedDetails
            : selectedNames.Count > 0 ? [.. selectedNames.Select(n => new PlannedStation(n, eligible.FirstOrDefault(e => e.Name == n)?.Upstreams))]
            : selected is not null ? [new PlannedStation(selected, selectedUpstreams ?? eligible.FirstOrDefault(e => e.Name == selected)?.Upstreams)]
            : [];
        return new StationSelection(
            mode ?? throw f.Missing("mode"), session, active, pinnedSource, pinnedName ?? target, stations, entry, candidates, note, error);
    }

    public static RouteTargetOverride RouteTargetOverride(ref JsonFields f, string path)
    {
        string? session = null, source = null, target = null;
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("session_id"u8)) session = f.NullableShared("session_id");
            else if (f.Is("source"u8)) source = f.NullableString("source");
            else if (f.Is("target"u8)) target = f.NullableShared("target");
            else f.SkipValue();
        }

        return new RouteTargetOverride(session, source, target);
    }

    public static RetryOptions RetryOptions(ref JsonFields f, string path)
    {
        var d = RetryPolicy.ForProfile(RetryPolicy.Balanced)!;
        var (upstream, provider, neverStatus, neverClass) = (d.Upstream, d.Provider, d.NeverOnStatus, d.NeverOnClass);
        var (challenge, timeout, transport) = (d.CloudflareChallengeCooldownSecs, d.CloudflareTimeoutCooldownSecs, d.TransportCooldownSecs);
        var (factor, maxSecs, cross) = (d.CooldownBackoffFactor, d.CooldownBackoffMaxSecs, d.AllowCrossStationBeforeFirstOutput);
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("upstream"u8)) upstream = Layer(ref f, "upstream", d.Upstream);
            else if (f.Is("provider"u8)) provider = Layer(ref f, "provider", d.Provider);
            else if (f.Is("never_status_ranges"u8)) neverStatus = Ranges(ref f, "never_status_ranges");
            else if (f.Is("never_error_classes"u8)) neverClass = f.Strings("never_error_classes");
            else if (f.Is("cloudflare_challenge_cooldown_secs"u8)) challenge = (ulong)f.UInt("cloudflare_challenge_cooldown_secs");
            else if (f.Is("cloudflare_timeout_cooldown_secs"u8)) timeout = (ulong)f.UInt("cloudflare_timeout_cooldown_secs");
            else if (f.Is("transport_cooldown_secs"u8)) transport = (ulong)f.UInt("transport_cooldown_secs");
            else if (f.Is("cooldown_backoff_factor"u8)) factor = (ulong)f.UInt("cooldown_backoff_factor");
            else if (f.Is("cooldown_backoff_max_secs"u8)) maxSecs = (ulong)f.UInt("cooldown_backoff_max_secs");
            else if (f.Is("allow_cross_station_before_first_output"u8)) cross = f.Bool("allow_cross_station_before_first_output");
            else f.SkipValue();
        }

        return new RetryOptions(new RetryPolicy(upstream, provider, neverStatus, neverClass, challenge, timeout, transport, factor, maxSecs, cross));
    }

    public static AttemptSelect AttemptSelect(ref JsonFields f, string path)
    {
        int? attempt = null, providerAttempt = null, upstreamAttempt = null, providerMax = null, upstreamMax = null;
        int? group = null, index = null, avoidedTotal = null, total = null;
        string? baseUrl = null, providerId = null, endpointId = null, key = null, station = null, model = null;
        List<int> avoid = [], avoidedCandidates = [];
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("attempt"u8)) attempt = f.Index("attempt");
            else if (f.Is("provider_attempt"u8)) providerAttempt = Optional(ref f, "provider_attempt");
            else if (f.Is("upstream_attempt"u8)) upstreamAttempt = Optional(ref f, "upstream_attempt");
            else if (f.Is("provider_max_attempts"u8)) providerMax = Optional(ref f, "provider_max_attempts");
            else if (f.Is("upstream_max_attempts"u8)) upstreamMax = Optional(ref f, "upstream_max_attempts");
            else if (f.Is("upstream_base_url"u8)) baseUrl = f.NullableSharedRedacted("upstream_base_url");
            else if (f.Is("provider_id"u8)) providerId = f.NullableShared("provider_id");
            else if (f.Is("endpoint_id"u8)) endpointId = f.NullableShared("endpoint_id");
            else if (f.Is("provider_endpoint_key"u8)) key = f.NullableShared("provider_endpoint_key");
            else if (f.Is("preference_group"u8)) group = Optional(ref f, "preference_group");
            else if (f.Is("station_name"u8)) station ??= f.NullableShared("station_name");
            else if (f.Is("upstream_index"u8)) index ??= Optional(ref f, "upstream_index");
            else if (f.Is("compatibility"u8)) (station, index) = Compatibility(ref f, station, index);
            else if (f.Is("avoid_for_station"u8)) avoid = f.Indices("avoid_for_station");
            else if (f.Is("avoided_candidate_indices"u8)) avoidedCandidates = f.Indices("avoided_candidate_indices");
            else if (f.Is("avoided_total"u8)) avoidedTotal = Optional(ref f, "avoided_total");
            else if (f.Is("total_upstreams"u8)) total = Optional(ref f, "total_upstreams");
            else if (f.Is("model"u8)) model = f.NullableShared("model");
            else f.SkipValue();
        }

        return new AttemptSelect(
            attempt ?? throw f.Missing("attempt"), providerAttempt, upstreamAttempt, providerMax, upstreamMax, baseUrl, providerId,
            endpointId, key, group, station, index, avoid, avoidedCandidates, avoidedTotal, total, model);
    }

    public static ShadowMismatch ShadowMismatch(ref JsonFields f, string path)
    {
        string? model = null;
        List<ShadowAttempt>? legacy = null, executor = null;
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("request_model"u8)) model = f.NullableString("request_model");
            else if (f.Is("legacy_attempts"u8)) legacy = ShadowAttempts(ref f, "legacy_attempts");
            else if (f.Is("executor_attempts"u8)) executor = ShadowAttempts(ref f, "executor_attempts");
            else f.SkipValue();
        }

        return new ShadowMismatch(model, legacy ?? throw f.Missing("legacy_attempts"), executor ?? throw f.Missing("executor_attempts"));
    }

    public static SelectionExplain SelectionExplain(ref JsonFields f, string path)
    {
        string? model = null, policy = null, affinityKey = null;
        bool? matches = null;
        TraceCandidate? selected = null;
        List<int> groups = [];
        List<SkippedCandidate> skipped = [];
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("request_model"u8)) model = f.NullableString("request_model");
            else if (f.Is("selected"u8)) selected = f.IsNull ? null : Candidate(ref f, "selected").Candidate;
            else if (f.Is("skipped_higher_priority_groups"u8)) groups = f.Indices("skipped_higher_priority_groups");
            else if (f.Is("skipped_higher_priority_candidates"u8))
            {
                f.EnterArray("skipped_higher_priority_candidates");
                while (f.NextElement())
                {
                    var (candidate, reasons) = Candidate(ref f, "skipped_higher_priority_candidates[]");
                    skipped.Add(new SkippedCandidate(candidate, reasons));
                }
            }
            else if (f.Is("affinity"u8))
            {
                var inner = f.EnterObject(path + ".affinity");
                while (f.NextField(inner))
                {
                    if (f.Is("policy"u8)) policy = f.NullableString("policy");
                    else if (f.Is("provider_endpoint_key"u8)) affinityKey = f.NullableString("provider_endpoint_key");
                    else if (f.Is("selected_matches_affinity"u8)) matches = f.NullableBool("selected_matches_affinity");
                    else f.SkipValue();
                }
            }
            else f.SkipValue();
        }

        return new SelectionExplain(model, policy, affinityKey, matches, selected, groups, skipped);
    }

    public static StationFailover StationFailover(ref JsonFields f, string path)
    {
        string? station = null, next = null;
        int? total = null;
        List<int> avoided = [];
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("station_name"u8)) station = f.NullableShared("station_name");
            else if (f.Is("upstream_total"u8)) total = Optional(ref f, "upstream_total");
            else if (f.Is("avoided_indices"u8)) avoided = f.Indices("avoided_indices");
            else if (f.Is("next_action"u8)) next = f.NullableString("next_action");
            else f.SkipValue();
        }

        return new StationFailover(station, total, avoided, next);
    }

    public static CrossStationFailoverBlocked CrossStationFailoverBlocked(ref JsonFields f, string path)
    {
        string? station = null, strategy = null;
        int? configured = null, effective = null;
        bool? allow = null;
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("station_name"u8)) station = f.NullableShared("station_name");
            else if (f.Is("provider_strategy"u8)) strategy = f.NullableString("provider_strategy");
            else if (f.Is("configured_provider_max_attempts"u8)) configured = Optional(ref f, "configured_provider_max_attempts");
            else if (f.Is("effective_provider_max_attempts"u8)) effective = Optional(ref f, "effective_provider_max_attempts");
            else if (f.Is("allow_cross_station_before_first_output"u8)) allow = f.NullableBool("allow_cross_station_before_first_output");
            else f.SkipValue();
        }

        return new CrossStationFailoverBlocked(station, strategy, configured, effective, allow);
    }

    public static ProviderRuntimeOverride ProviderRuntimeOverride(ref JsonFields f, string path)
    {
        string? provider = null, endpoint = null, state = null;
        bool? enabled = null;
        bool clearEnabled = false, clearState = false;
        List<string> urls = [];
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("provider_name"u8)) provider = f.NullableString("provider_name");
            else if (f.Is("endpoint_name"u8)) endpoint = f.NullableString("endpoint_name");
            else if (f.Is("base_urls"u8)) urls = [.. f.Strings("base_urls").Select(Redactor.Redact)];
            else if (f.Is("enabled"u8)) enabled = f.NullableBool("enabled");
            else if (f.Is("clear_enabled"u8)) clearEnabled = f.NullableBool("clear_enabled") ?? false;
            else if (f.Is("runtime_state"u8)) state = NormaliseRuntimeState(f.NullableString("runtime_state"));
            else if (f.Is("clear_runtime_state"u8)) clearState = f.NullableBool("clear_runtime_state") ?? false;
            else f.SkipValue();
        }

        return new ProviderRuntimeOverride(provider, endpoint, urls, enabled, clearEnabled, state, clearState);
    }

    public static LegacyAttemptOutcome LegacyAttemptOutcome(ref JsonFields f, string path)
    {
        string? station = null, baseUrl = null, errorClass = null;
        int? index = null, status = null;
        var outer = f.EnterObject(path);
        while (f.NextField(outer))
        {
            if (f.Is("station_name"u8) || f.Is("station"u8)) station = f.Token == System.Text.Json.JsonTokenType.String ? f.String("station_name") : Skip(ref f);
            else if (f.Is("upstream_base_url"u8) || f.Is("base_url"u8)) baseUrl = f.Token == System.Text.Json.JsonTokenType.String ? Redactor.Redact(f.String("upstream_base_url")) : Skip(ref f);
            else if (f.Is("upstream_index"u8) || f.Is("index"u8)) index = f.Token == System.Text.Json.JsonTokenType.Number ? f.Index("upstream_index") : SkipInt(ref f);
            else if (f.Is("status_code"u8) || f.Is("status"u8)) status = f.Token == System.Text.Json.JsonTokenType.Number ? f.Index("status_code") : SkipInt(ref f);
            else if (f.Is("error_class"u8) || f.Is("class"u8)) errorClass = f.Token == System.Text.Json.JsonTokenType.String ? f.String("error_class") : Skip(ref f);
            else f.SkipValue();
        }

        return new LegacyAttemptOutcome(station, baseUrl, index, status, errorClass);
    }

    /// <summary>The Debug-style names of <c>provider_runtime_override</c> mapped to the serde names used elsewhere.</summary>
    internal static string? NormaliseRuntimeState(string? state) => state switch
    {
        "breakeropen" => "breaker_open",
        "halfopen" => "half_open",
        _ => state,
    };

    private static List<PlannedStation> Stations(ref JsonFields f, string field)
    {
        f.EnterArray(field);
        var list = new List<PlannedStation>();
        while (f.NextElement())
        {
            if (f.Token == System.Text.Json.JsonTokenType.String)
            {
                list.Add(new PlannedStation(f.String(field + "[]"), null));
                continue;
            }

            string? name = null;
            int? upstreams = null;
            var outer = f.EnterObject($"{f.Path}.{field}[{list.Count}]");
            while (f.NextField(outer))
            {
                if (f.Is("name"u8)) name = f.Shared("name");
                else if (f.Is("upstreams"u8)) upstreams = Optional(ref f, "upstreams");
                else f.SkipValue();
            }

            list.Add(new PlannedStation(name ?? throw f.Missing("name"), upstreams));
        }

        return list;
    }

    private static List<TraceCandidate> Candidates(ref JsonFields f, string field)
    {
        f.EnterArray(field);
        var list = new List<TraceCandidate>();
        while (f.NextElement())
        {
            list.Add(Candidate(ref f, $"{field}[{list.Count}]").Candidate);
        }

        return list;
    }

    private static (TraceCandidate Candidate, List<string> Reasons) Candidate(ref JsonFields f, string field)
    {
        string? providerId = null, endpointId = null, key = null;
        int? group = null;
        List<string> path = [], reasons = [];
        var outer = f.EnterObject($"{f.Path}.{field}");
        while (f.NextField(outer))
        {
            if (f.Is("provider_id"u8)) providerId = f.NullableShared("provider_id");
            else if (f.Is("endpoint_id"u8)) endpointId = f.NullableShared("endpoint_id");
            else if (f.Is("provider_endpoint_key"u8)) key = f.NullableShared("provider_endpoint_key");
            else if (f.Is("preference_group"u8)) group = Optional(ref f, "preference_group");
            else if (f.Is("route_path"u8)) path = f.Strings("route_path");
            else if (f.Is("reasons"u8)) reasons = f.Strings("reasons");
            else f.SkipValue();
        }

        return (new TraceCandidate(providerId, endpointId, key, group, path), reasons);
    }

    private static List<ShadowAttempt> ShadowAttempts(ref JsonFields f, string field)
    {
        f.EnterArray(field);
        var list = new List<ShadowAttempt>();
        while (f.NextElement())
        {
            AttemptDecision? decision = null;
            string? station = null, baseUrl = null, providerId = null, endpointId = null, reason = null;
            int? index = null, avoidedTotal = null, total = null;
            List<string> routePath = [];
            List<int> avoid = [];
            var outer = f.EnterObject($"{f.Path}.{field}[{list.Count}]");
            while (f.NextField(outer))
            {
                if (f.Is("decision"u8)) decision = Decision(ref f);
                else if (f.Is("station_name"u8)) station = f.Shared("station_name");
                else if (f.Is("upstream_index"u8)) index = f.Index("upstream_index");
                else if (f.Is("upstream_base_url"u8)) baseUrl = f.SharedRedacted("upstream_base_url");
                else if (f.Is("provider_id"u8)) providerId = f.NullableShared("provider_id");
                else if (f.Is("endpoint_id"u8)) endpointId = f.NullableShared("endpoint_id");
                else if (f.Is("route_path"u8)) routePath = f.Strings("route_path");
                else if (f.Is("avoid_for_station"u8)) avoid = f.Indices("avoid_for_station");
                else if (f.Is("avoided_total"u8)) avoidedTotal = f.Index("avoided_total");
                else if (f.Is("total_upstreams"u8)) total = f.Index("total_upstreams");
                else if (f.Is("reason"u8)) reason = f.NullableString("reason");
                else f.SkipValue();
            }

            list.Add(new ShadowAttempt(
                decision ?? throw f.Missing("decision"), station ?? throw f.Missing("station_name"), index ?? throw f.Missing("upstream_index"),
                baseUrl ?? throw f.Missing("upstream_base_url"), providerId, endpointId, routePath, avoid,
                avoidedTotal ?? throw f.Missing("avoided_total"), total ?? throw f.Missing("total_upstreams"), reason));
        }

        return list;
    }

    private static AttemptDecision Decision(ref JsonFields f) => f.String("decision") switch
    {
        "selected" => AttemptDecision.Selected,
        "skipped_capability_mismatch" => AttemptDecision.SkippedCapabilityMismatch,
        _ => throw f.Wrong("decision", "selected or skipped_capability_mismatch"),
    };

    private static RetryLayer Layer(ref JsonFields f, string field, RetryLayer defaults)
    {
        var (max, backoff, backoffMax, jitter) = (defaults.MaxAttempts, defaults.BackoffMs, defaults.BackoffMaxMs, defaults.JitterMs);
        var (onStatus, onClass, strategy) = (defaults.OnStatus, defaults.OnClass, defaults.Strategy);
        var outer = f.EnterObject($"{f.Path}.{field}");
        while (f.NextField(outer))
        {
            if (f.Is("max_attempts"u8)) max = f.Index("max_attempts");
            else if (f.Is("base_backoff_ms"u8)) backoff = f.UInt("base_backoff_ms");
            else if (f.Is("max_backoff_ms"u8)) backoffMax = f.UInt("max_backoff_ms");
            else if (f.Is("jitter_ms"u8)) jitter = f.UInt("jitter_ms");
            else if (f.Is("retry_status_ranges"u8)) onStatus = Ranges(ref f, "retry_status_ranges");
            else if (f.Is("retry_error_classes"u8)) onClass = f.Strings("retry_error_classes");
            else if (f.Is("strategy"u8)) strategy = f.Shared("strategy");
            else f.SkipValue();
        }

        return new RetryLayer(max, backoff, backoffMax, jitter, onStatus, onClass, strategy);
    }

    /// <summary><c>[[lo,hi],…]</c>.</summary>
    private static List<StatusRange> Ranges(ref JsonFields f, string field)
    {
        f.EnterArray(field);
        var ranges = new List<StatusRange>();
        while (f.NextElement())
        {
            var pair = f.Indices(field + "[]");
            ranges.Add(pair.Count == 2 ? new StatusRange(pair[0], pair[1]) : throw f.Wrong(field + "[]", "a [low, high] pair"));
        }

        return ranges;
    }

    private static (string? Station, int? Index) Compatibility(ref JsonFields f, string? station, int? index)
    {
        if (f.IsNull)
        {
            return (station, index);
        }

        var outer = f.EnterObject($"{f.Path}.compatibility");
        while (f.NextField(outer))
        {
            if (f.Is("station_name"u8)) station = f.NullableShared("station_name") ?? station;
            else if (f.Is("upstream_index"u8)) index = Optional(ref f, "upstream_index") ?? index;
            else f.SkipValue();
        }

        return (station, index);
    }

    private static int? Optional(ref JsonFields f, string field) => f.IsNull ? null : f.Index(field);

    private static string? Skip(ref JsonFields f)
    {
        f.SkipCurrent();
        return null;
    }

    private static int? SkipInt(ref JsonFields f)
    {
        f.SkipCurrent();
        return null;
    }
}
