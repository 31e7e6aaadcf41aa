using System.Globalization;
using System.Text;
using System.Text.Json;
using RouteShadow.Core.Scenarios;
using RouteShadow.Upstreams.Loop;
using RouteShadow.Upstreams.Proxy;
using RouteShadow.Upstreams.Servers;

namespace RouteShadow.Cli.Output;

/// <summary>
/// <c>routeshadow reproduce</c>'s output: per engine its lifecycle, then the differences; or, with
/// <c>--proxy</c>, what the proxy answered and what reached each upstream.
/// </summary>
internal static class ReproduceReport
{
    /// <param name="running">The farm left running, whose addresses are listed; null when it shuts down.</param>
    public static string Table(Scenario scenario, IReadOnlyList<Lifecycle> lifecycles, IReadOnlyList<string> differences, UpstreamFarm? running)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scenario: {scenario.Name}\n");
        foreach (var run in lifecycles)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n== {run.Engine} ==\n");
            foreach (var a in run.Attempts)
            {
                var got = a.Status?.ToString(CultureInfo.InvariantCulture) ?? a.Fault;
                var wait = a.WaitMs > 0 ? $"  wait {a.WaitMs} ms" : string.Empty;
                text.Append(CultureInfo.InvariantCulture, $"  {a.UpstreamRef,-14} {got,-10} {a.ErrorClass ?? "-",-28} {a.Outcome.WireName()}{wait}\n");
            }

            if (run.Attempts.Count == 0)
            {
                text.Append("  (no HTTP attempt)\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"  response: {run.Response.Status} ({run.Response.Body.Length} bytes)\n");
            text.Append(CultureInfo.InvariantCulture, $"  elapsed: {run.Elapsed.TotalMilliseconds:0} ms (codex-helper would wait {run.NominalWaitMs} ms)\n");
            foreach (var (baseUrl, received) in run.Received)
            {
                text.Append(CultureInfo.InvariantCulture, $"  requests to {baseUrl}: {received.Count}\n");
            }

            foreach (var station in scenario.Stations)
            {
                text.Append(CultureInfo.InvariantCulture, $"  state of {station.Station.Name}: {LifecycleDiff.Describe(run.StateAfter, station.Station.Name)}\n");
            }
        }

        if (lifecycles.Count == 2)
        {
            text.Append(differences.Count == 0 ? "\nthe lifecycles agree\n" : "\ndifferences:\n");
            foreach (var difference in differences)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {difference}\n");
            }
        }

        AppendAddresses(text, running);
        return text.ToString();
    }

    /// <summary>The request sent through an external proxy: its answer and what each upstream received.</summary>
    public static string ProxyTable(Scenario scenario, string proxy, ProxyRun run, UpstreamFarm? running)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"scenario: {scenario.Name}\n\n== through {proxy} ==\n");
        text.Append(CultureInfo.InvariantCulture, $"  response: {run.Response.Status} ({run.Response.Body.Length} bytes)\n");
        text.Append(CultureInfo.InvariantCulture, $"  elapsed: {run.Elapsed.TotalMilliseconds:0} ms\n");
        foreach (var (baseUrl, received) in run.Received)
        {
            text.Append(CultureInfo.InvariantCulture, $"  requests to {baseUrl}: {received.Count}\n");
        }

        AppendAddresses(text, running);
        return text.ToString();
    }

    public static string Json(Scenario scenario, IReadOnlyList<Lifecycle> lifecycles, IReadOnlyList<string> differences, UpstreamFarm? running)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenario.Name);
            w.WriteStartArray("lifecycles");
            foreach (var run in lifecycles)
            {
                WriteLifecycle(w, scenario, run);
            }

            w.WriteEndArray();
            w.WriteStartArray("differences");
            foreach (var difference in differences)
            {
                w.WriteStringValue(difference);
            }

            w.WriteEndArray();
            WriteAddresses(w, running);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string ProxyJson(Scenario scenario, string proxy, string config, ProxyRun run, UpstreamFarm? running)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ScenarioWriter.Compact))
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenario.Name);
            w.WriteString("proxy", proxy);
            w.WriteString("config", config);
            WriteResponse(w, run.Response);
            WriteRequests(w, run.Received);
            w.WriteNumber("elapsed_ms", Math.Round(run.Elapsed.TotalMilliseconds));
            WriteAddresses(w, running);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void AppendAddresses(StringBuilder text, UpstreamFarm? running)
    {
        if (running is null)
        {
            return;
        }

        text.Append("\nupstreams:\n");
        foreach (var baseUrl in running.BaseUrls)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {baseUrl} -> {running.AddressOf(baseUrl)}\n");
        }
    }

    private static void WriteAddresses(Utf8JsonWriter w, UpstreamFarm? running)
    {
        if (running is null)
        {
            return;
        }

        w.WriteStartObject("upstreams");
        foreach (var baseUrl in running.BaseUrls)
        {
            w.WriteString(baseUrl, running.AddressOf(baseUrl).ToString());
        }

        w.WriteEndObject();
    }

    private static void WriteResponse(Utf8JsonWriter w, ClientResponse response)
    {
        w.WriteStartObject("response");
        w.WriteNumber("status", response.Status);
        w.WriteString("body", response.Body);
        w.WriteEndObject();
    }

    private static void WriteRequests(Utf8JsonWriter w, IReadOnlyDictionary<string, IReadOnlyList<ReceivedRequest>> received)
    {
        w.WriteStartObject("requests");
        foreach (var (baseUrl, requests) in received)
        {
            w.WriteNumber(baseUrl, requests.Count);
        }

        w.WriteEndObject();
    }

    private static void WriteLifecycle(Utf8JsonWriter w, Scenario scenario, Lifecycle run)
    {
        w.WriteStartObject();
        w.WriteString("engine", run.Engine);
        w.WriteStartArray("attempts");
        foreach (var a in run.Attempts)
        {
            w.WriteStartObject();
            w.WriteString("station_name", a.StationName);
            w.WriteNumber("upstream_index", a.UpstreamIndex);
            w.WriteString("upstream_base_url", a.BaseUrl);
            w.WriteNumber("provider_attempt", a.ProviderAttempt);
            w.WriteNumber("upstream_attempt", a.UpstreamAttempt);
            if (a.Status is { } status)
            {
                w.WriteNumber("status", status);
            }
            else
            {
                w.WriteNull("status");
            }

            w.WriteString("fault", a.Fault);
            w.WriteString("class", a.ErrorClass);
            w.WriteString("decision", a.Outcome.WireName());
            w.WriteNumber("wait_ms", a.WaitMs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteResponse(w, run.Response);
        WriteRequests(w, run.Received);
        w.WriteNumber("elapsed_ms", Math.Round(run.Elapsed.TotalMilliseconds));
        w.WriteNumber("nominal_wait_ms", run.NominalWaitMs);
        w.WriteStartObject("state");
        foreach (var station in scenario.Stations)
        {
            w.WriteString(station.Station.Name, LifecycleDiff.Describe(run.StateAfter, station.Station.Name));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
