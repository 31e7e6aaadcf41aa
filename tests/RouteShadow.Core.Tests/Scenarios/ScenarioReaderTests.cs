using System.Text;
using RouteShadow.Core.LoadBalancing;
using RouteShadow.Core.Scenarios;
using RouteShadow.Core.Shadow;

namespace RouteShadow.Core.Tests.Scenarios;

/// <summary>
/// The strict <c>routeshadow/scenario@1</c> reader (scenario-format.md): a valid document and the
/// documented defaults, then bad input — every error names the JSON path and the line it is on.
/// </summary>
public sealed class ScenarioReaderTests
{
    /// <summary>The example of scenario-format.md.</summary>
    internal const string DocumentedExample = """
        {
          "schema": "routeshadow/scenario@1",
          "name": "model skip, then failover to the next upstream",
          "service": "codex",
          "request": { "model": "gpt-5" },
          "stations": [
            {
              "name": "routing",
              "upstreams": [
                {
                  "base_url": "https://old.example/v1",
                  "tags": { "provider_id": "old" },
                  "supported_models": { "gpt-4.1": true },
                  "model_mapping": {}
                },
                {
                  "base_url": "https://new.example/v1",
                  "tags": { "provider_id": "new", "endpoint_id": "default" },
                  "supported_models": { "gpt-5": true },
                  "model_mapping": { "gpt-5*": "gpt-5-codex" }
                }
              ],
              "state": {
                "failure_counts": [0, 3],
                "cooldown_remaining_ms": [null, 60000],
                "usage_exhausted": [false, false],
                "penalty_streak": [0, 1],
                "last_good_index": null,
                "layout": null
              },
              "events": [
                { "op": "record", "index": 0, "success": true, "cooldown_secs": 30, "backoff": { "factor": 1, "max_secs": 0 } },
                { "op": "penalize", "index": 1, "cooldown_secs": 60, "reason": "status_503", "backoff": { "factor": 2, "max_secs": 600 } },
                { "op": "advance", "ms": 61000 }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Read_DocumentedExample_ReadsEveryField()
    {
        var scenario = Read(DocumentedExample);

        Assert.Equal(("model skip, then failover to the next upstream", "codex", "gpt-5"), (scenario.Name, scenario.Service, scenario.Request.Model));
        var station = Assert.Single(scenario.Stations);
        Assert.Equal("routing", station.Station.Name);
        Assert.Equal(["https://old.example/v1", "https://new.example/v1"], station.Station.Upstreams.Select(u => u.BaseUrl));
        Assert.Equal("default", station.Station.Upstreams[1].EndpointIdTag);
        Assert.Equal("gpt-5-codex", station.Station.Upstreams[1].ModelMapping["gpt-5*"]);
        Assert.True(station.Station.Upstreams[0].SupportedModels["gpt-4.1"]);
        Assert.Equal([0u, 3u], station.State!.FailureCounts!);
        Assert.Equal([null, 60_000L], station.State.CooldownRemainingMs);
        Assert.Equal([0u, 1u], station.State.PenaltyStreak!);
        Assert.Null(station.State.LastGoodIndex);
        Assert.Null(station.State.Layout);
        Assert.Equal(
            [
                new RecordEvent(0, true, 30, CooldownBackoff.None),
                new PenalizeEvent(1, 60, "status_503", new CooldownBackoff(2, 600)),
                new AdvanceEvent(61_000),
            ],
            station.Events);
        Assert.Null(scenario.Expect);
    }

    [Fact]
    public void Read_MinimalDocument_AppliesDocumentedDefaults()
    {
        var scenario = Read("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" } ],
                  "events": [
                    { "op": "record", "index": 0, "success": false },
                    { "op": "penalize", "index": 0 }
                  ]
                }
              ]
            }
            """);

        Assert.Equal(("", "codex", (string?)null), (scenario.Name, scenario.Service, scenario.Request.Model));
        var station = scenario.Stations[0];
        Assert.Null(station.State);
        Assert.Empty(station.Station.Upstreams[0].Tags);
        Assert.Empty(station.Station.Upstreams[0].SupportedModels);
        Assert.Equal([new RecordEvent(0, false, 30, CooldownBackoff.None), new PenalizeEvent(0, 30, "scenario", CooldownBackoff.None)], station.Events);
    }

    [Fact]
    public void Read_LastGoodIndexPastTheEnd_IsAccepted()
    {
        var scenario = Read("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                { "name": "alpha", "upstreams": [ { "base_url": "https://a/v1" } ], "state": { "last_good_index": 9 } }
              ]
            }
            """);

        Assert.Equal(9, scenario.Stations[0].State!.LastGoodIndex);
    }

    [Fact]
    public void Read_UnknownField_NamesFieldPathAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "nmae": "alpha",
                  "upstreams": []
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].nmae", 5, "unknown field");
    }

    [Fact]
    public void Read_FieldOfAnotherOp_IsUnknownForThisOp()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" } ],
                  "events": [
                    {
                      "op": "record",
                      "index": 0,
                      "success": true,
                      "reason": "why"
                    }
                  ]
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].events[0].reason", 12, "unknown field for op 'record'");
    }

    [Fact]
    public void Read_UnknownFieldWithDotInName_QuotesItInThePath()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [],
              "a.b": 1
            }
            """);

        AssertError(error, "$['a.b']", 4, "unknown field");
    }

    [Fact]
    public void Read_StringWhereCountExpected_NamesItemPathAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" }, { "base_url": "https://b/v1" } ],
                  "state": {
                    "failure_counts": [
                      0,
                      "3"
                    ]
                  }
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].state.failure_counts[1]", 10, "expected a non-negative integer, found a string");
    }

    [Fact]
    public void Read_NumberWhereModelExpected_NamesPathAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "request": {
                "model": 5
              },
              "stations": []
            }
            """);

        AssertError(error, "$.request.model", 4, "expected a string, found the number 5");
    }

    [Fact]
    public void Read_NegativeFailureCount_NamesItemPathAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" } ],
                  "state": {
                    "failure_counts": [-1]
                  }
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].state.failure_counts[0]", 8, "expected a non-negative integer, found -1");
    }

    [Fact]
    public void Read_NegativeClockAdvance_NamesPathAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [],
                  "events": [
                    { "op": "advance",
                      "ms": -5 }
                  ]
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].events[0].ms", 9, "a clock advance cannot be negative");
    }

    [Fact]
    public void Read_EventIndexPastTheEnd_NamesPathAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" }, { "base_url": "https://b/v1" } ],
                  "events": [
                    {
                      "op": "penalize",
                      "index": 2
                    }
                  ]
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].events[0].index", 10, "index 2 is out of range: the station has 2 upstreams");
    }

    [Fact]
    public void Read_DuplicateStationName_NamesSecondStationsName()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                { "name": "alpha", "upstreams": [] },
                {
                  "name": "alpha",
                  "upstreams": []
                }
              ]
            }
            """);

        AssertError(error, "$.stations[1].name", 6, "duplicate station name 'alpha'");
    }

    [Fact]
    public void Read_StateArrayLongerThanUpstreams_NamesArrayAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" }, { "base_url": "https://b/v1" } ],
                  "state": {
                    "failure_counts": [0, 0],
                    "usage_exhausted": [false, false, true]
                  }
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].state.usage_exhausted", 9, "has 3 entries but the station has 2 upstreams");
    }

    [Fact]
    public void Read_StateArrayShorterThanLayout_NamesArrayAndLayoutBasis()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [ { "base_url": "https://a/v1" }, { "base_url": "https://b/v1" } ],
                  "state": {
                    "layout": [ { "base_url": "https://a/v1" } ],
                    "cooldown_remaining_ms": [null, null]
                  }
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].state.cooldown_remaining_ms", 9, "has 2 entries but the state's layout has 1 upstream");
    }

    [Fact]
    public void Read_OtherSchema_NamesSchemaAndLine()
    {
        var error = Fails("""
            {
              "name": "from the future",
              "schema": "routeshadow/scenario@2",
              "stations": []
            }
            """);

        AssertError(error, "$.schema", 3, "unsupported schema 'routeshadow/scenario@2', expected 'routeshadow/scenario@1'");
    }

    [Fact]
    public void Read_MissingSchema_NamesDocumentRoot()
    {
        var error = Fails("""

            {
              "stations": []
            }
            """);

        AssertError(error, "$", 2, "missing required field 'schema'");
    }

    [Fact]
    public void Read_UnknownService_NamesServiceAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "service": "gemini",
              "stations": []
            }
            """);

        AssertError(error, "$.service", 3, "unknown service 'gemini', expected 'codex' or 'claude'");
    }

    [Fact]
    public void Read_MissingComma_ReportsMalformedJsonAtItsLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha"
                  "upstreams": []
                }
              ]
            }
            """);

        Assert.Equal("$.stations[0].name", error.JsonPath);
        Assert.Equal(6, error.Line);
        Assert.StartsWith("malformed JSON: ", error.Reason, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public void Read_TruncatedDocument_ReportsMalformedJson()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
            """);

        Assert.Equal("$.stations", error.JsonPath);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("malformed JSON: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LoneSurrogateEscape_IsAnInputErrorAtItsPath()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "name": "\ud800",
              "stations": []
            }
            """);

        Assert.Equal("$.name", error.JsonPath);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("not a valid string", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedJson_GivesNoZeroBasedPositionOfItsOwn()
    {
        var error = Fails("{\n  \"schema\": x\n}");

        Assert.DoesNotContain("LineNumber", error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Read_DuplicateField_NamesTheRepeatedFieldAndItsLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "name": "beta",
                  "upstreams": []
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].name", 6, "duplicate field");
    }

    [Fact]
    public void Read_DuplicateMapKey_NamesTheRepeatedKeyAndItsLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [
                {
                  "name": "alpha",
                  "upstreams": [
                    {
                      "base_url": "https://a/v1",
                      "tags": {
                        "provider_id": "x",
                        "provider_id": "y"
                      }
                    }
                  ]
                }
              ]
            }
            """);

        AssertError(error, "$.stations[0].upstreams[0].tags.provider_id", 11, "duplicate key");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(20)]
    public void Read_MapOfAnySize_KeepsEveryEntryInOrderAndRejectsARepeat(int size)
    {
        var keys = Enumerable.Range(0, size).Select(i => $"model-{(i * 7) % size}").ToArray();
        var entries = string.Join(", ", keys.Select(k => $"\"{k}\": true"));
        var upstream = Read(MapDocument(entries)).Stations[0].Station.Upstreams[0];

        Assert.Equal(keys, upstream.SupportedModels.Keys);
        Assert.All(keys, k => Assert.True(upstream.SupportedModels.ContainsKey(k)));
        Assert.False(upstream.SupportedModels.ContainsKey("model-absent"));

        var error = Fails(MapDocument(entries + $", \"{keys[^1]}\": false"));
        AssertError(error, $"$.stations[0].upstreams[0].supported_models.{keys[^1]}", 1, "duplicate key");
    }

    private static string MapDocument(string supportedModels) =>
        "{\"schema\": \"routeshadow/scenario@1\", \"stations\": [{\"name\": \"alpha\", \"upstreams\": " +
        "[{\"base_url\": \"https://a/v1\", \"supported_models\": {" + supportedModels + "}}]}]}";

    [Fact]
    public void Read_UnknownDivergenceClass_NamesClassAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [],
              "expect": {
                "matches": true,
                "legacy_attempts": [],
                "executor_attempts": [],
                "classes": [
                  "d1"
                ]
              }
            }
            """);

        AssertError(error, "$.expect.classes[0]", 9, "unknown divergence class 'd1'");
    }

    [Fact]
    public void Read_ExpectedMatchesContradictsLists_NamesMatchesAndLine()
    {
        var error = Fails("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [],
              "expect": {
                "legacy_attempts": [],
                "executor_attempts": [],
                "matches": false
              }
            }
            """);

        AssertError(error, "$.expect.matches", 7, "does not agree with the two attempt lists");
    }

    [Fact]
    public void Read_ExpectWithClasses_ReadsThem()
    {
        var scenario = Read("""
            {
              "schema": "routeshadow/scenario@1",
              "stations": [],
              "expect": { "matches": true, "legacy_attempts": [], "executor_attempts": [], "classes": ["multi_station_sticky"] }
            }
            """);

        Assert.Equal([DivergenceClass.MultiStationSticky], scenario.Expect!.Classes);
        Assert.True(scenario.Expect.Report.Matches);
    }

    [Fact]
    public void ReadCase_ScenarioWithReport_TurnsReportIntoExpectation()
    {
        var scenario = ScenarioReader.ReadCase(Encoding.UTF8.GetBytes("""
            {"scenario": {"schema": "routeshadow/scenario@1", "stations": []}, "report": {"matches": true, "legacy_attempts": [], "executor_attempts": []}}
            """));

        Assert.NotNull(scenario.Expect);
        Assert.Null(scenario.Expect.Classes);
    }

    private static Scenario Read(string json) => ScenarioReader.Read(Encoding.UTF8.GetBytes(json));

    private static ScenarioFormatException Fails(string json) => Assert.Throws<ScenarioFormatException>(() => Read(json));

    private static void AssertError(ScenarioFormatException error, string path, long line, string reason)
    {
        Assert.Equal((path, (long?)line, reason), (error.JsonPath, error.Line, error.Reason));
        Assert.Equal($"line {line}: {path}: {reason}", error.Message);
    }
}
