namespace RouteShadow.Traces.Synth;

/// <summary>
/// The config <c>routeshadow synth</c> simulates when none is given (written next to the traces as
/// <c>config.json</c>, codex-helper's legacy runtime shape). It is built to show what the replay
/// looks for: three stations on two levels with cross-station failover (the
/// <c>aggressive-failover</c> profile, with a growing cooldown), model restrictions that cause
/// skips, one provider-endpoint identity shared by an upstream of <c>alpha</c> and one of
/// <c>gamma</c>, two upstreams of <c>beta</c> with the same identity, and a base URL that carries an
/// API key in its query (as some relays want), which every output must redact.
/// </summary>
public static class SampleConfig
{
    public const string FileName = "config.json";

    public const string Json = """
        {
          "codex": {
            "active": "alpha",
            "stations": {
              "alpha": {
                "level": 1,
                "upstreams": [
                  { "base_url": "https://alpha-main.example.com/v1", "auth": { "auth_token_env": "ALPHA_KEY" }, "tags": { "provider_id": "alpha-main" } },
                  { "base_url": "https://relay-hk.example.com/v1", "auth": { "auth_token_env": "RELAY_KEY" }, "tags": { "provider_id": "relay-pool", "endpoint_id": "hk" } }
                ]
              },
              "beta": {
                "level": 1,
                "upstreams": [
                  { "base_url": "https://a.beta.example.net/v1", "auth": { "api_key_env": "BETA_KEY" }, "tags": { "provider_id": "beta", "endpoint_id": "default" }, "supported_models": { "gpt-5*": true } },
                  { "base_url": "https://b.beta.example.net/v1", "auth": { "api_key_env": "BETA_KEY" }, "tags": { "provider_id": "beta", "endpoint_id": "default" } },
                  { "base_url": "https://eu.beta.example.net/v1", "auth": { "api_key_env": "BETA_KEY" } }
                ]
              },
              "gamma": {
                "level": 2,
                "upstreams": [
                  { "base_url": "https://relay-hk-2.example.com/v1", "auth": { "auth_token_env": "RELAY_KEY" }, "tags": { "provider_id": "relay-pool", "endpoint_id": "hk" } },
                  { "base_url": "https://legacy.gamma.example.org/v1?api_key=sk-sample-not-a-real-key-0000", "supported_models": { "gpt-4.1": true }, "model_mapping": { "gpt-4.1": "gpt-4.1-2025-04-14" } }
                ]
              }
            }
          },
          "retry": { "profile": "aggressive-failover", "transport_cooldown_secs": 20, "cooldown_backoff_factor": 2, "cooldown_backoff_max_secs": 300 }
        }
        """;
}
