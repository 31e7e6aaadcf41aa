using System.Text.Json;
using RouteShadow.Upstreams.Tests.Support;
using RouteShadow.Upstreams.Trace;

namespace RouteShadow.Upstreams.Tests.Trace;

public sealed class ShadowTraceTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("y", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void Flag_ParsesAsCodexHelperDoes(string value, bool expected) =>
        Assert.Equal(expected, ShadowTraceFlag.IsSet(new FakeEnvironment((ShadowTraceFlag.Variable, value))));

    [Fact]
    public void Flag_Unset_IsOff() => Assert.False(ShadowTraceFlag.IsSet(new FakeEnvironment()));

    [Fact]
    public async Task Divergence_WithTheFlag_WritesOneMismatchEventInTheEnvelope()
    {
        using var trace = new StringWriter();

        await Reproductions.RunAsync("divergence-second-station-sticky.json", new FakeEnvironment((ShadowTraceFlag.Variable, "on")), trace);

        var line = Assert.Single(trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(["ts_ms", "kind", "service", "request_id", "trace_id", "event", "detail", "payload"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("route_executor_shadow_mismatch", root.GetProperty("event").GetString());
        Assert.Equal("codex-1", root.GetProperty("trace_id").GetString());
        var detail = root.GetProperty("detail");
        Assert.Equal(1, detail.GetProperty("first_mismatch_index").GetInt32());
        Assert.Equal(1, detail.GetProperty("legacy_upstream_index").GetInt32());
        Assert.Equal(0, detail.GetProperty("executor_upstream_index").GetInt32());
        var attempt = root.GetProperty("payload").GetProperty("legacy_attempts")[0];
        var keys = attempt.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Divergence_WithAFlagOfY_WritesNothing()
    {
        using var trace = new StringWriter();

        await Reproductions.RunAsync("divergence-second-station-sticky.json", new FakeEnvironment((ShadowTraceFlag.Variable, "y")), trace);

        Assert.Empty(trace.ToString());
    }
}
