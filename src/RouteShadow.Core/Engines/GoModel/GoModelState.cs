using System.Globalization;
using System.Text;

namespace RouteShadow.Core.Engines.GoModel;

/// <summary>
/// The gateway's mutable routing state on its own clock: live and lister counters, pins, manual
/// rows and runtime snapshots. <see cref="Export"/> renders all of it canonically (sorted), so two
/// exports are equal exactly when the states are.
/// </summary>
public sealed class GoModelState
{
    private GoModelState(ManualState manual, long nowMs)
    {
        Manual = manual;
        NowMs = nowMs;
    }

    public long NowMs { get; set; }

    public SortedDictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> ListerCounters { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, Pin> Pins { get; } = new(StringComparer.Ordinal);

    public ManualState Manual { get; }

    public SortedDictionary<string, ProviderRuntime> Runtime { get; } = new(StringComparer.Ordinal);

    /// <summary>The state a question starts from; <paramref name="poolDimension"/> decides how candidate rows are keyed.</summary>
    public static GoModelState From(GoModelSnapshot snapshot, long nowMs, bool poolDimension)
    {
        var state = new GoModelState(new ManualState(poolDimension), nowMs);
        Copy(snapshot.Counters, state.Counters);
        Copy(snapshot.ListerCounters, state.ListerCounters);
        foreach (var pin in snapshot.Pins)
        {
            state.Pins[pin.Key] = new Pin(pin.Candidate, nowMs + pin.ExpiresInMs);
        }

        foreach (var row in snapshot.RoutingState)
        {
            state.Manual.Upsert(row);
        }

        Copy(snapshot.Providers, state.Runtime);
        return state;
    }

    public GoModelState Clone()
    {
        var copy = new GoModelState(Manual.Clone(), NowMs);
        Copy(Counters, copy.Counters);
        Copy(ListerCounters, copy.ListerCounters);
        Copy(Pins, copy.Pins);
        Copy(Runtime, copy.Runtime);
        return copy;
    }

    /// <summary>Every field, one per line, sorted: byte-identical for equal states.</summary>
    public string Export()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"now {NowMs}\n");
        foreach (var (key, value) in Counters)
        {
            text.Append(CultureInfo.InvariantCulture, $"counter {key} = {value}\n");
        }

        foreach (var (key, value) in ListerCounters)
        {
            text.Append(CultureInfo.InvariantCulture, $"lister_counter {key} = {value}\n");
        }

        foreach (var (key, pin) in Pins)
        {
            text.Append(CultureInfo.InvariantCulture, $"pin {key} = {pin.Candidate} until {pin.ExpiresAtMs}\n");
        }

        foreach (var row in Manual.Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"state {row.Key(Manual.PoolDimension)} = {(row.Enabled ? "enabled" : "disabled")}\n");
        }

        foreach (var (provider, runtime) in Runtime)
        {
            text.Append(CultureInfo.InvariantCulture, $"runtime {provider} = {runtime}\n");
        }

        return text.ToString();
    }

    private static void Copy<TValue>(IReadOnlyDictionary<string, TValue> from, IDictionary<string, TValue> to)
    {
        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }

    /// <summary>A pinned candidate and when the pin stops counting.</summary>
    public readonly record struct Pin(string Candidate, long ExpiresAtMs);
}
