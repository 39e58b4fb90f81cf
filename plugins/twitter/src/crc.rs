//! X's Challenge-Response Check (CRC): X sends `GET ?crc_token=…` when a
//! webhook is registered and about once an hour after; the answer is
//! `{"response_token": "sha256=<base64(HMAC-SHA256(consumer secret, crc_token))>"}`.
//! Reference: <https://docs.x.com/x-api/webhooks/quickstart>.
//!
//! The HMAC is computed by the host (`host.hmac-sha256`): the consumer secret
//! never enters the plugin.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chorus_sdk::host;
use chorus_sdk::{HostError, HttpRequest, HttpResponse, ListenOutcome, PluginError};

use crate::CONSUMER_SECRET;

/// Longest `crc_token` answered. X's tokens are a few dozen characters.
pub const MAX_TOKEN_BYTES: usize = 1024;

/// Answers a CRC request.
pub fn respond(request: &HttpRequest) -> Result<ListenOutcome, PluginError> {
    let token = request.query_param("crc_token").ok_or_else(|| {
        PluginError::BadInput(
            "GET without `crc_token`: X only sends GET for its CRC check".to_owned(),
        )
    })?;
    if token.is_empty() || token.len() > MAX_TOKEN_BYTES {
        return Err(PluginError::BadInput(format!(
            "crc_token of {} bytes: expected 1 to {MAX_TOKEN_BYTES}",
            token.len()
        )));
    }
    let mac = host::hmac_sha256(CONSUMER_SECRET, token.as_bytes()).map_err(|e| match e {
        HostError::UnknownSecret(_) => PluginError::Config(format!(
            "cannot answer X's CRC check: no {CONSUMER_SECRET} is configured for this brand \
             (the response token is an HMAC with the app's consumer secret)"
        )),
        other => PluginError::Internal(format!("host HMAC failed: {other:?}")),
    })?;
    let body = serde_json::json!({ "response_token": response_token(&mac) }).to_string();
    Ok(ListenOutcome::Respond(HttpResponse::json(200, body)))
}

/// `sha256=<base64 of the MAC>`, the form of both the CRC response token and
/// the `x-twitter-webhooks-signature` header.
pub fn response_token(mac: &[u8]) -> String {
    format!("sha256={}", STANDARD.encode(mac))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_sdk::testing::{FakeHost, request};

    fn crc(query: &str) -> Result<ListenOutcome, PluginError> {
        respond(&request("GET", b"").query(query).build())
    }

    fn token(outcome: Result<ListenOutcome, PluginError>) -> String {
        let Ok(ListenOutcome::Respond(response)) = outcome else {
            panic!("expected a response, got {outcome:?}");
        };
        assert_eq!(response.status, 200);
        assert_eq!(response.headers[0].value, "application/json");
        let body: serde_json::Value = serde_json::from_slice(&response.body).expect("json");
        body["response_token"].as_str().expect("token").to_owned()
    }

    #[test]
    fn without_a_secret_the_crc_is_a_config_error() {
        let _h = FakeHost::new().install();
        let err = crc("crc_token=bacon").expect_err("no secret");
        assert!(
            matches!(&err, PluginError::Config(m) if m.contains(CONSUMER_SECRET)),
            "{err:?}"
        );
    }

    #[test]
    fn missing_or_odd_tokens_are_bad_input() {
        let _h = FakeHost::new().secret(CONSUMER_SECRET, b"s").install();
        for query in [
            "",
            "nonce=1",
            "crc_token=",
            &format!("crc_token={}", "a".repeat(MAX_TOKEN_BYTES + 1)),
        ] {
            assert!(
                matches!(crc(query), Err(PluginError::BadInput(_))),
                "{query}"
            );
        }
        assert!(token(crc("nonce=1&crc_token=abc")).starts_with("sha256="));
    }
}
