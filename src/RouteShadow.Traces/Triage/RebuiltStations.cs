using System.Globalization;
using RouteShadow.Core.Engines;
using RouteShadow.Core.World;
using RouteShadow.Traces.Config;

namespace RouteShadow.Traces.Triage;

/// <summary>
/// The stations a mismatch event's request was offered, in order. From the config — in the order
/// the request's <c>lbs_for_request</c> gave, else in the config's own plan order — when it names
/// every attempted upstream at its index with its URL and the total count agrees; otherwise from
/// the two attempt lists themselves, which name each upstream they try with its URL and identity.
/// Upstreams neither list shows are stood in for by placeholders (every engine passes them over:
/// the state search finds them unavailable), so <c>total_upstreams</c> still comes out right.
/// </summary>
internal static class RebuiltStations
{
    /// <summary>The station that holds the placeholders for upstreams the lists do not place.</summary>
    public const string UnseenStation = "(unseen)";

    public static (IReadOnlyList<Station> Stations, string Source) For(MismatchEvent mismatch, ServiceRouting? routing)
    {
        if (routing is { Mode: RoutingMode.Stations })
        {
            if (mismatch.Offered is { } offered && offered.All(o => routing.Find(o.Name) is not null)
                && Fits(mismatch, [.. offered.Select(o => routing.Find(o.Name)!.Station)]) is { } asOffered)
            {
                return (asOffered, "config, in the order lbs_for_request offered them");
            }

            if (Fits(mismatch, routing.DefaultPlan()) is { } configured)
            {
                return (configured, "config");
            }
        }

        return (FromAttempts(mismatch), "attempt lists");
    }

    /// <summary>The plan, if it names every attempted upstream at its index with its URL and has the total the attempts state.</summary>
    private static IReadOnlyList<Station>? Fits(MismatchEvent mismatch, IReadOnlyList<Station> plan)
    {
        var total = plan.Sum(s => s.Upstreams.Count);
        foreach (var attempt in mismatch.LegacyAttempts.Concat(mismatch.ExecutorAttempts))
        {
            var station = plan.FirstOrDefault(s => s.Name == attempt.StationName);
            if (attempt.TotalUpstreams != total || station is null || attempt.UpstreamIndex >= station.Upstreams.Count
                || station.Upstreams[attempt.UpstreamIndex].BaseUrl != attempt.UpstreamBaseUrl)
            {
                return null;
            }
        }

        return plan;
    }

    private static List<Station> FromAttempts(MismatchEvent mismatch)
    {
        var order = StationOrder(mismatch);
        var seen = new Dictionary<(string Station, int Index), ShadowAttempt>();
        var skipped = new HashSet<(string Station, int Index)>();
        foreach (var attempt in mismatch.LegacyAttempts.Concat(mismatch.ExecutorAttempts))
        {
            seen.TryAdd((attempt.StationName, attempt.UpstreamIndex), attempt);
            if (attempt.Decision == AttemptDecision.SkippedCapabilityMismatch)
            {
                skipped.Add((attempt.StationName, attempt.UpstreamIndex));
            }
        }

        var byName = new Dictionary<string, Station>(StringComparer.Ordinal);
        foreach (var name in order.Distinct())
        {
            var count = seen.Keys.Where(k => k.Station == name).Max(k => k.Index) + 1;
            var upstreams = Enumerable.Range(0, count).Select(i => seen.TryGetValue((name, i), out var attempt)
                ? UpstreamOf(attempt, skipped.Contains((name, i)) ? mismatch.Model : null)
                : Placeholder(name, i));
            byName[name] = new Station(name, [.. upstreams]);
        }

        var stations = order.Select(name => byName[name]).ToList();
        var declared = mismatch.LegacyAttempts.Concat(mismatch.ExecutorAttempts).First().TotalUpstreams;
        var missing = declared - stations.Sum(s => s.Upstreams.Count);
        if (missing > 0)
        {
            stations.Add(new Station(UnseenStation, [.. Enumerable.Range(0, missing).Select(i => Placeholder(UnseenStation, i))]));
        }

        return stations;
    }

    /// <summary>
    /// Station occurrences in walk order. The legacy list walks every occurrence of a station with a
    /// fresh avoid set, so a row whose avoid set holds nothing but itself starts one; stations only
    /// the executor lists go after the station the executor listed before them.
    /// </summary>
    private static List<string> StationOrder(MismatchEvent mismatch)
    {
        var order = new List<string>();
        string? previous = null;
        foreach (var attempt in mismatch.LegacyAttempts)
        {
            var fresh = attempt.AvoidForStation.All(i => i == attempt.UpstreamIndex);
            if (attempt.StationName != previous || fresh)
            {
                order.Add(attempt.StationName);
            }

            previous = attempt.StationName;
        }

        var after = -1;
        foreach (var attempt in mismatch.ExecutorAttempts)
        {
            var at = order.LastIndexOf(attempt.StationName);
            if (at < 0)
            {
                order.Insert(after + 1, attempt.StationName);
                at = after + 1;
            }

            after = Math.Max(after, at);
        }

        return order;
    }

    /// <summary>The upstream as the attempt names it: its URL and the identity tags that differ from the defaults.</summary>
    private static Upstream UpstreamOf(ShadowAttempt attempt, string? unsupportedModel)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (attempt.ProviderId is { } provider)
        {
            tags[TagNames.ProviderId] = provider;
        }

        if (attempt.EndpointId is { } endpoint && endpoint != attempt.UpstreamIndex.ToString(CultureInfo.InvariantCulture))
        {
            tags[TagNames.EndpointId] = endpoint;
        }

        // A model skip says only that the model is not served: a list naming nothing else says so.
        var supported = unsupportedModel is null ? null : new Dictionary<string, bool>(StringComparer.Ordinal) { ["not:" + unsupportedModel] = true };
        return new Upstream(attempt.UpstreamBaseUrl, tags, supported);
    }

    private static Upstream Placeholder(string station, int index) =>
        new(string.Create(CultureInfo.InvariantCulture, $"unseen://{Uri.EscapeDataString(station)}/{index}"));
}
