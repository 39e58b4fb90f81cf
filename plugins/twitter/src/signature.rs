//! X webhook signatures: every POST carries
//! `x-twitter-webhooks-signature: sha256=<base64(HMAC-SHA256(consumer secret, raw body))>`.
//! Reference: <https://docs.x.com/x-api/webhooks/quickstart> ("Validating the
//! signature header").
//!
//! The signature is required on every POST when the brand has a consumer
//! secret, whatever the payload (Account Activity or v2 listening).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chorus_sdk::host::{self, constant_time_eq};
use chorus_sdk::{HttpRequest, PluginError};

use crate::CONSUMER_SECRET;

/// The header X signs webhook deliveries with.
pub const HEADER: &str = "x-twitter-webhooks-signature";

/// Verifies the request's X signature.
///
/// When the brand has no consumer secret configured (only possible in
/// `chorus plugin run`: the server refuses to enable the channel without it),
/// the check is skipped with a warning in the log.
pub fn verify(request: &HttpRequest) -> Result<(), PluginError> {
    // Ask the host first: whether a secret exists decides the policy.
    let Some(expected) = host::expected_signature(CONSUMER_SECRET, &request.body)? else {
        return Ok(());
    };
    let signature = request
        .header(HEADER)
        .ok_or_else(|| PluginError::Unauthorized(format!("missing {HEADER}")))?;
    let given = signature
        .trim()
        .strip_prefix("sha256=")
        .and_then(|b64| STANDARD.decode(b64).ok())
        .ok_or_else(|| PluginError::Unauthorized(format!("{HEADER} is not sha256=<base64>")))?;
    if constant_time_eq(&expected, &given) {
        Ok(())
    } else {
        Err(PluginError::Unauthorized("signature mismatch".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_sdk::testing::{FakeHost, request};

    // autohook `test/signature.js` fixtures[1] (tests/fixtures/twitter/signing/).
    const SECRET: &[u8] = b"test";
    const BODY: &[u8] = br#"{"test_number":1,"test_string":"two"}"#;
    const SIGNATURE: &str = "sha256=YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI=";

    fn signed(body: &[u8], signature: &str) -> HttpRequest {
        request("POST", body)
            .header("X-Twitter-Webhooks-Signature", signature)
            .build()
    }

    #[test]
    fn the_published_vector_verifies() {
        let _h = FakeHost::new().secret(CONSUMER_SECRET, SECRET).install();
        assert_eq!(verify(&signed(BODY, SIGNATURE)), Ok(()));
    }

    #[test]
    fn missing_and_malformed_signatures_are_unauthorized() {
        let _h = FakeHost::new().secret(CONSUMER_SECRET, SECRET).install();
        for bad in [
            "",
            "sha256=",
            "sha256=!!!",
            "YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI=",
            "sha1=abc",
        ] {
            assert!(
                matches!(
                    verify(&signed(BODY, bad)),
                    Err(PluginError::Unauthorized(_))
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            verify(&request("POST", BODY).build()),
            Err(PluginError::Unauthorized(m)) if m.contains("missing")
        ));
    }

    #[test]
    fn without_a_secret_the_check_is_skipped_with_a_warning() {
        let _h = FakeHost::new().install();
        assert_eq!(verify(&request("POST", BODY).build()), Ok(()));
        assert!(
            FakeHost::logs()
                .iter()
                .any(|(level, line)| *level == chorus_sdk::LogLevel::Warn
                    && line.contains("NOT verified"))
        );
    }
}
