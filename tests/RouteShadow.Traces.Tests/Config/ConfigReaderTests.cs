using RouteShadow.Core.World;
using RouteShadow.Traces.Config;

namespace RouteShadow.Traces.Tests.Config;

public class ConfigReaderTests
{
    [Fact]
    public void Parse_Version5RouteGraph_IsTheRoutingStationInExpandedOrderWithIdentityTags()
    {
        const string toml = """
            version = 5
            [codex.providers.north]
            base_url = "https://north.example.test/v1"
            auth_token = "sk-inline-secret-000000"
            tags = { tier = "monthly" }
            supported_models = { "gpt-5*" = true }
            [codex.providers.south]
            enabled = true
            [codex.providers.south.endpoints.eu]
            base_url = "https://eu.south.example.test/v1"
            priority = 1
            [codex.providers.south.endpoints.us]
            base_url = "https://us.south.example.test/v1"
            priority = 0
            model_mapping = { "gpt-5" = "gpt-5-south" }
            [codex.providers.off]
            base_url = "https://off.example.test/v1"
            enabled = false
            [codex.routing]
            entry = "main"
            [codex.routing.routes.main]
            strategy = "ordered-failover"
            children = ["south", "north", "off"]
            """;

        var config = ConfigReader.Parse(toml, "config.toml");

        var routing = config.For("codex")!;
        Assert.Equal((5, RoutingMode.RouteGraph), (config.Version, routing.Mode));
        var station = Assert.Single(routing.Stations).Station;
        Assert.Equal("routing", station.Name);
        Assert.Equal(["https://us.south.example.test/v1", "https://eu.south.example.test/v1", "https://north.example.test/v1"], station.Upstreams.Select(u => u.BaseUrl));
        Assert.Equal([("south", "us"), ("south", "eu"), ("north", "default")], station.Upstreams.Select(u => (u.ProviderIdTag!, u.EndpointIdTag!)));
        Assert.Equal("monthly", station.Upstreams[2].Tags["tier"]);
        Assert.True(station.Upstreams[2].SupportedModels["gpt-5*"]);
        Assert.Equal("gpt-5-south", station.Upstreams[0].ModelMapping["gpt-5"]);
        Assert.Equal([station], routing.DefaultPlan());
    }

    [Fact]
    public void Parse_RouteGraphStrategies_ExpandAsTheCompatibilityStationDoes()
    {
        const string toml = """
            version = 4
            [codex.providers.a]
            base_url = "https://a.test/v1"
            tags = { billing = "paygo" }
            [codex.providers.b]
            base_url = "https://b.test/v1"
            tags = { billing = "monthly" }
            [codex.providers.c]
            base_url = "https://c.test/v1"
            [codex.providers.d]
            [codex.providers.d.endpoints.x]
            base_url = "https://dx.test/v1"
            [codex.providers.d.endpoints.y]
            base_url = "https://dy.test/v1"
            [codex.routing]
            entry = "root"
            [codex.routing.routes.root]
            strategy = "conditional"
            when = { model = "gpt-5" }
            then = "pool"
            default = "sticky"
            [codex.routing.routes.pool]
            strategy = "tag-preferred"
            children = ["a", "b"]
            prefer_tags = [{ billing = "monthly" }]
            [codex.routing.routes.sticky]
            strategy = "manual-sticky"
            target = "d.y"
            children = ["c"]
            """;

        var station = ConfigReader.Parse(toml, "c.toml").For("codex")!.Stations[0].Station;

        Assert.Equal(["https://b.test/v1", "https://a.test/v1", "https://dy.test/v1"], station.Upstreams.Select(u => u.BaseUrl));
    }

    [Fact]
    public void Parse_RouteGraphWithoutRoutes_TakesEveryProviderInNameOrder()
    {
        var station = ConfigReader.Parse("""{"version":5,"codex":{"providers":{"zeta":{"base_url":"https://z.test/v1"},"alpha":{"base_url":"https://a.test/v1"}}}}""", "c.json")
            .For("codex")!.Stations[0].Station;

        Assert.Equal(["alpha", "zeta"], station.Upstreams.Select(u => u.ProviderIdTag!));
    }

    [Fact]
    public void Parse_RuntimeShapeJson_ReadsStationsAndOrdersThePlan()
    {
        const string json = """
            {"codex":{"active":"beta","configs":{
              "gamma":{"level":2,"upstreams":[{"base_url":"https://g.test/v1"}]},
              "alpha":{"enabled":true,"upstreams":[{"base_url":"https://a0.test/v1","tags":{"provider_id":"p"}},{"base_url":"https://a1.test/v1","supportedModels":{"gpt-4.1":true}}]},
              "beta":{"enabled":false,"upstreams":[{"base_url":"https://b.test/v1","auth":{"auth_token":"sk-never-read-0000000"}}]},
              "empty":{"upstreams":[]}}},
             "retry":{"profile":"cost-primary","transport_cooldown_secs":12,"upstream":{"max_attempts":20,"on_status":"500-599,429"}}}
            """;

        var config = ConfigReader.Parse(json, "config.json");

        var routing = config.For("codex")!;
        Assert.Equal((null, RoutingMode.Stations, "beta"), (config.Version, routing.Mode, routing.ActiveStation));
        Assert.Equal(["beta", "alpha", "gamma"], routing.DefaultPlan().Select(s => s.Name));
        Assert.Equal("p", routing.Find("alpha")!.Station.Upstreams[0].ProviderIdTag);
        Assert.True(routing.Find("alpha")!.Station.Upstreams[1].SupportedModels["gpt-4.1"]);
        Assert.Equal((8, 12UL, 2UL, true), (config.Retry.Upstream.MaxAttempts, config.Retry.TransportCooldownSecs, config.Retry.CooldownBackoffFactor, config.Retry.AllowCrossStationBeforeFirstOutput));
        Assert.True(config.Retry.Upstream.Retries(429, null));
    }

    [Theory]
    [InlineData("\"true\"", "alpha")]
    [InlineData("\"off\"", null)]
    [InlineData("\"gone\"", "gone")]
    public void Parse_ActiveWords_AreNormalisedAsOnLoad(string active, string? expected)
    {
        var json = """{"codex":{"active":""" + active
                   + ""","stations":{"zeta":{"level":1,"upstreams":[{"base_url":"https://z/v1"}]},"alpha":{"level":1,"upstreams":[{"base_url":"https://a/v1"}]},"low":{"level":3,"upstreams":[{"base_url":"https://l/v1"}]}}}}""";

        Assert.Equal(expected, ConfigReader.Parse(json, "c.json").For("codex")!.ActiveStation);
    }

    [Fact]
    public void Parse_RuntimeShapeToml_IsReadLikeItsJsonTwin()
    {
        const string toml = """
            [codex]
            active = "relay"
            [codex.stations.relay]
            level = 1
            [[codex.stations.relay.upstreams]]
            base_url = "https://hk.relay.test/v1"
            [[codex.stations.relay.upstreams]]
            base_url = "https://us.relay.test/v1"
            supported_models = { "gpt-5*" = true }
            """;

        var relay = ConfigReader.Parse(toml, "config.toml").For("codex")!.Find("relay")!.Station;

        Assert.Equal(["https://hk.relay.test/v1", "https://us.relay.test/v1"], relay.Upstreams.Select(u => u.BaseUrl));
    }

    [Fact]
    public void Parse_Version2_BuildsStationsFromMembersPreferredFirst()
    {
        const string toml = """
            version = 2
            [codex]
            active_station = "relay"
            [codex.providers.hk]
            tags = { region = "hk" }
            [codex.providers.hk.endpoints.main]
            base_url = "https://hk.relay.test/v1"
            tags = { endpoint_id = "main" }
            [codex.providers.us.endpoints.b]
            base_url = "https://b.us.relay.test/v1"
            [codex.providers.us.endpoints.a]
            base_url = "https://a.us.relay.test/v1"
            [codex.stations.relay]
            members = [{ provider = "hk" }, { provider = "us", preferred = true }]
            """;

        var routing = ConfigReader.Parse(toml, "config.toml").For("codex")!;

        var relay = routing.Find("relay")!.Station;
        Assert.Equal(["https://a.us.relay.test/v1", "https://b.us.relay.test/v1", "https://hk.relay.test/v1"], relay.Upstreams.Select(u => u.BaseUrl));
        Assert.Equal(("hk", "main", null), (relay.Upstreams[2].Tags["region"], relay.Upstreams[2].EndpointIdTag, relay.Upstreams[0].ProviderIdTag));
    }

    [Fact]
    public void Parse_CredentialInABaseUrl_IsRedactedOnRead()
    {
        var upstream = ConfigReader.Parse("""{"codex":{"stations":{"s":{"upstreams":[{"base_url":"https://x.test/v1?api_key=sk-secret-value-123456"}]}}}}""", "c.json")
            .For("codex")!.Find("s")!.Station.Upstreams[0];

        Assert.Equal("https://x.test/v1?api_key=[REDACTED]", upstream.BaseUrl);
    }

    [Theory]
    [InlineData("c.toml", "version = 3\n[codex.routing]\npolicy = \"ordered\"", "version 3 is not supported")]
    [InlineData("c.toml", "[codex\nx = 1", "c.toml:1: invalid TOML")]
    [InlineData("c.json", "{\"codex\":", "c.json:1: invalid JSON")]
    [InlineData("c.json", """{"codex":{"stations":{"s":{"level":"high","upstreams":[]}}}}""", "codex.stations.s.level: expected an integer")]
    [InlineData("c.toml", "version = 5\n[codex.providers.a]\nbase_url = \"https://a/v1\"\n[codex.routing.routes.main]\nchildren = [\"nope\"]", "'nope' is neither a provider")]
    [InlineData("c.json", """{"retry":{"profile":"fastest"}}""", "unknown retry profile 'fastest'")]
    public void Parse_BadConfig_FailsWithTheFileAndTheKey(string source, string text, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigReader.Parse(text, source));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TheSampleConfig_HasThreeStationsOnTwoLevels()
    {
        var routing = ConfigReader.Read(Repository.Path("traces", "config.json")).For("codex")!;

        Assert.Equal(["alpha", "beta", "gamma"], routing.DefaultPlan().Select(s => s.Name));
        Assert.IsType<Station>(routing.Find("beta")!.Station);
    }
}
