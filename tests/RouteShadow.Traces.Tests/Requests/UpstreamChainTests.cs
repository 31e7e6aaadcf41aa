using RouteShadow.Traces.Requests;

namespace RouteShadow.Traces.Tests.Requests;

/// <summary>Every grammar of <c>upstream_chain</c> entries codex-helper has written, read as its own parser does.</summary>
public class UpstreamChainTests
{
    [Fact]
    public void Parse_IdentityStationEntry_ReadsStationIndexUrlStatusAndModel()
    {
        var a = UpstreamChain.Parse("station=relay upstream_index=1 url=https://us.relay.example.org/v1 status=429 class=- model=gpt-5.4", 2);

        Assert.Equal((2, "relay", 1, "https://us.relay.example.org/v1"), (a.AttemptIndex, a.StationName, a.UpstreamIndex, a.UpstreamBaseUrl));
        Assert.Equal((AttemptDecisions.FailedStatus, 429, null, "gpt-5.4"), (a.Decision, a.StatusCode, a.ErrorClass, a.Model));
    }

    [Fact]
    public void Parse_IdentityRouteGraphEntry_SplitsTheProviderEndpointKey()
    {
        var a = UpstreamChain.Parse("endpoint=codex/paygo/default group=1 url=https://api.paygo.example.net/v1 status=200 class=- model=gpt-5.4->gpt-5.4-codex", 0);

        Assert.Equal(("codex/paygo/default", "paygo", "default", 1), (a.ProviderEndpointKey, a.ProviderId, a.EndpointId, a.PreferenceGroup));
        Assert.Equal((AttemptDecisions.Completed, 200, "gpt-5.4"), (a.Decision, a.StatusCode, a.RequestedModel));
        Assert.Null(a.StationName);
    }

    [Fact]
    public void Parse_CompatStation_OverridesStation()
    {
        var a = UpstreamChain.Parse("endpoint=codex/p/e group=0 compat_station=routing upstream_index=3 url=https://x.example/v1 status=502 class=- model=-", 0);

        Assert.Equal(("routing", 3), (a.StationName, a.UpstreamIndex));
        Assert.Null(a.RequestedModel);
    }

    [Fact]
    public void Parse_TransportErrorWithSpacesAndPipes_KeepsTheWholeMessageUpToModel()
    {
        var a = UpstreamChain.Parse(
            "station=relay upstream_index=0 url=https://hk.example/v1 transport_error=error sending request | caused_by: Connection refused (os error 111) (flags: connect) model=gpt-5", 0);

        Assert.Equal(AttemptDecisions.FailedTransport, a.Decision);
        Assert.Equal("error sending request | caused_by: Connection refused (os error 111) (flags: connect)", a.Reason);
        Assert.Equal(("upstream_transport_error", "gpt-5"), (a.ErrorClass, a.Model));
    }

    [Theory]
    [InlineData("body_read_error=stream ended early model=m", AttemptDecisions.FailedBodyRead, "upstream_body_read_error")]
    [InlineData("body_too_large=upstream response body too large: observed=9 limit=8 model=m", AttemptDecisions.FailedBodyTooLarge, "upstream_response_body_too_large")]
    [InlineData("target_build_error=invalid upstream base_url x: relative URL model=m", AttemptDecisions.FailedTargetBuild, "target_build_error")]
    public void Parse_ErrorEntries_MapToTheirDecisionAndClass(string tail, string decision, string errorClass)
    {
        var a = UpstreamChain.Parse("station=s upstream_index=0 url=https://a.example/v1 " + tail, 0);

        Assert.Equal((decision, errorClass), (a.Decision, a.ErrorClass));
    }

    [Fact]
    public void Parse_SkippedModel_IsASkipWithTheRequestedModel()
    {
        var a = UpstreamChain.Parse("station=routing upstream_index=0 url=https://old.example/v1 skipped_unsupported_model=gpt-5", 0);

        Assert.Equal((AttemptDecisions.SkippedCapabilityMismatch, "unsupported_model", "gpt-5", true), (a.Decision, a.Reason, a.Model, a.Skipped));
        Assert.True(a.IsSkip);
    }

    [Fact]
    public void Parse_Version014StationEntry_ReadsStationUrlAndIdx()
    {
        var a = UpstreamChain.Parse("routing:https://relay.example.com/v1 (idx=2) status=502 class=cloudflare_timeout model=gpt-5", 0);

        Assert.Equal(("routing", "https://relay.example.com/v1", 2), (a.StationName, a.UpstreamBaseUrl, a.UpstreamIndex));
        Assert.Equal((AttemptDecisions.FailedStatus, "cloudflare_timeout"), (a.Decision, a.ErrorClass));
    }

    [Fact]
    public void Parse_Version012StatusEntryWithoutStation_ReadsUrlAndIdx()
    {
        var a = UpstreamChain.Parse("https://a.example/v1 (idx=1) status=200 class=- model=gpt-4.1", 0);

        Assert.Equal((null, "https://a.example/v1", 1, AttemptDecisions.Completed), (a.StationName, a.UpstreamBaseUrl, a.UpstreamIndex, a.Decision));
    }

    [Fact]
    public void Parse_Version05EntryWithoutModel_HasNoModel()
    {
        var a = UpstreamChain.Parse("https://a.example/v1 (idx=0) status=503 class=-", 0);

        Assert.Equal((503, null), (a.StatusCode, a.Model));
    }

    [Fact]
    public void Parse_AvoidedMarker_IsTheParserOnlyDecision()
    {
        var a = UpstreamChain.Parse("all_upstreams_avoided total=3", 4);

        Assert.Equal((AttemptDecisions.AllUpstreamsAvoided, "total=3", true), (a.Decision, a.Reason, a.Skipped));
    }

    [Fact]
    public void Parse_AvoidLists_AreRead()
    {
        var a = UpstreamChain.Parse("station=s upstream_index=2 url=https://a.example/v1 avoid=0,1 avoid_candidates=4,5 status=200 class=- model=m", 0);

        Assert.Equal([0, 1], a.AvoidForStation);
        Assert.Equal([4, 5], a.AvoidedCandidateIndices);
    }

    [Fact]
    public void Parse_NothingRecognised_IsObserved()
    {
        Assert.Equal(AttemptDecisions.Observed, UpstreamChain.Parse("something else entirely", 0).Decision);
    }
}
