using RouteShadow.Core.Scenarios.Reproduction;

namespace RouteShadow.Core.Scenarios;

/// <summary>The optional blocks a reproduction reads: the HTTP request, upstream behaviors and retry settings.</summary>
public static partial class ScenarioReader
{
    private static ScenarioRequest ReadRequest(ref JsonCursor c)
    {
        string? model = null;
        var http = HttpRequestSpec.Default;
        bool hasHttp = false;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("model"u8))
            {
                c.Once(ref seen, 0);
                model = c.NullableString();
                continue;
            }

            hasHttp = true;
            if (c.FieldIs("method"u8))
            {
                c.Once(ref seen, 1);
                http = http with { Method = c.String() };
            }
            else if (c.FieldIs("path"u8))
            {
                c.Once(ref seen, 2);
                var path = c.String();
                http = http with { Path = path.StartsWith('/') ? path : throw c.Error("a path starts with '/'") };
            }
            else if (c.FieldIs("headers"u8))
            {
                c.Once(ref seen, 3);
                http = http with { Headers = c.Map(static (ref JsonCursor v) => v.String()) ?? CompactMap<string>.Empty };
            }
            else if (c.FieldIs("body"u8))
            {
                c.Once(ref seen, 4);
                http = http with { Body = c.String() };
            }
            else if (c.FieldIs("stream"u8))
            {
                c.Once(ref seen, 5);
                http = http with { Stream = c.Bool() };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return new ScenarioRequest(model, hasHttp ? http : null);
    }

    private static UpstreamResponse ReadResponse(ref JsonCursor c)
    {
        var response = UpstreamResponse.Default;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("status"u8))
            {
                c.Once(ref seen, 0);
                var status = c.Int64();
                response = response with { Status = status is >= 100 and <= 599 ? (int)status : throw c.Error("a status is 100..599") };
            }
            else if (c.FieldIs("headers"u8))
            {
                c.Once(ref seen, 1);
                response = response with { Headers = c.Map(static (ref JsonCursor v) => v.String()) ?? CompactMap<string>.Empty };
            }
            else if (c.FieldIs("body"u8))
            {
                c.Once(ref seen, 2);
                response = response with { Body = c.String() };
            }
            else if (c.FieldIs("delay_ms"u8))
            {
                c.Once(ref seen, 3);
                var delay = c.Int64();
                response = response with { DelayMs = delay >= 0 ? delay : throw c.Error("a delay cannot be negative") };
            }
            else if (c.FieldIs("sse"u8))
            {
                c.Once(ref seen, 4);
                response = response with { Sse = c.Array(static (ref JsonCursor v) => v.String()) };
            }
            else if (c.FieldIs("fault"u8))
            {
                c.Once(ref seen, 5);
                var name = c.String();
                response = response with
                {
                    Fault = UpstreamFaultNames.Parse(name)
                        ?? throw c.Error($"unknown fault '{name}', expected none, empty_response, malformed_response, connection_reset or no_answer"),
                };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return response;
    }

    private static RetrySettings ReadRetry(ref JsonCursor c)
    {
        var retry = RetrySettings.Balanced;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("upstream"u8))
            {
                c.Once(ref seen, 0);
                retry = retry with { Upstream = ReadLayer(ref c, retry.Upstream) };
            }
            else if (c.FieldIs("provider"u8))
            {
                c.Once(ref seen, 1);
                retry = retry with { Provider = ReadLayer(ref c, retry.Provider) };
            }
            else if (c.FieldIs("allow_cross_station_before_first_output"u8))
            {
                c.Once(ref seen, 2);
                retry = retry with { AllowCrossStationBeforeFirstOutput = c.Bool() };
            }
            else if (c.FieldIs("never_on_status"u8))
            {
                c.Once(ref seen, 3);
                retry = retry with { NeverOnStatus = c.String() };
            }
            else if (c.FieldIs("never_on_class"u8))
            {
                c.Once(ref seen, 4);
                retry = retry with { NeverOnClass = c.Array(static (ref JsonCursor v) => v.String()) ?? [] };
            }
            else if (c.FieldIs("transport_cooldown_secs"u8))
            {
                c.Once(ref seen, 5);
                retry = retry with { TransportCooldownSecs = c.UInt64() };
            }
            else if (c.FieldIs("cooldown_backoff_factor"u8))
            {
                c.Once(ref seen, 6);
                retry = retry with { CooldownBackoffFactor = c.UInt64() };
            }
            else if (c.FieldIs("cooldown_backoff_max_secs"u8))
            {
                c.Once(ref seen, 7);
                retry = retry with { CooldownBackoffMaxSecs = c.UInt64() };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return retry;
    }

    private static RetryLayer ReadLayer(ref JsonCursor c, RetryLayer defaults)
    {
        var layer = defaults;
        var seen = 0;
        c.EnterObject();
        while (c.NextField())
        {
            if (c.FieldIs("max_attempts"u8))
            {
                c.Once(ref seen, 0);
                layer = layer with { MaxAttempts = c.Index() };
            }
            else if (c.FieldIs("backoff_ms"u8))
            {
                c.Once(ref seen, 1);
                layer = layer with { BackoffMs = checked((long)c.UInt64()) };
            }
            else if (c.FieldIs("backoff_max_ms"u8))
            {
                c.Once(ref seen, 2);
                layer = layer with { BackoffMaxMs = checked((long)c.UInt64()) };
            }
            else if (c.FieldIs("on_status"u8))
            {
                c.Once(ref seen, 3);
                layer = layer with { OnStatus = c.String() };
            }
            else if (c.FieldIs("on_class"u8))
            {
                c.Once(ref seen, 4);
                layer = layer with { OnClass = c.Array(static (ref JsonCursor v) => v.String()) ?? [] };
            }
            else if (c.FieldIs("strategy"u8))
            {
                c.Once(ref seen, 5);
                var strategy = c.String();
                layer = layer with
                {
                    Strategy = strategy is "failover" or "same_upstream" ? strategy : throw c.Error($"unknown strategy '{strategy}', expected failover or same_upstream"),
                };
            }
            else
            {
                throw c.UnknownField();
            }
        }

        return layer;
    }
}
