//! What the host offers a plugin: logging, configuration, HMAC with host-held
//! secrets, a namespaced key-value store, customer history, knowledge search
//! and retrieval, and a clock.
//!
//! In a `wasm32` build these call the host's imports. In a native build
//! (`cargo test`) they call the fake host installed with
//! [`crate::testing::FakeHost::install`], so plugin logic is tested without wasm.
//! In a core-module build (`--cfg chorus_core_module`, benchmarks only) they
//! call the host installed with `core_module::install`.

use crate::{
    HostError, KnowledgeHit, KnowledgeMatch, KnowledgeQuery, LogLevel, PastConversation,
    PluginError, Timestamp,
};

#[cfg(chorus_core_module)]
use crate::core_module::imports;

#[cfg(all(target_arch = "wasm32", not(chorus_core_module)))]
use crate::bindings::chorus::plugin::host as imports;

#[cfg(all(not(target_arch = "wasm32"), not(chorus_core_module)))]
use crate::testing::native as imports;

/// Writes a line to the host's log, tagged with brand, plugin and event.
pub fn log(level: LogLevel, message: &str) {
    imports::log(level, message)
}

/// Reads this brand's configuration value `key` for this plugin.
pub fn config(key: &str) -> Option<String> {
    imports::config(key)
}

/// HMAC-SHA256 of `data` with the host-held secret named `secret_name`.
pub fn hmac_sha256(secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
    imports::hmac_sha256(secret_name, data)
}

/// HMAC-SHA1 of `data` with the host-held secret named `secret_name`, for
/// platforms that still sign with SHA-1 (Twilio). Contract 0.2.
pub fn hmac_sha1(secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
    imports::hmac_sha1(secret_name, data)
}

/// Reads `key` from the brand × plugin key-value namespace.
pub fn kv_get(key: &str) -> Result<Option<Vec<u8>>, HostError> {
    imports::kv_get(key)
}

/// Writes `key` in the brand × plugin key-value namespace.
pub fn kv_set(key: &str, value: &[u8]) -> Result<(), HostError> {
    imports::kv_set(key, value)
}

/// Deletes `key` from the brand × plugin key-value namespace.
pub fn kv_delete(key: &str) -> Result<(), HostError> {
    imports::kv_delete(key)
}

/// Earlier conversations of the customer `author_id`, newest first.
pub fn customer_history(author_id: &str, limit: u32) -> Result<Vec<PastConversation>, HostError> {
    imports::customer_history(author_id, limit)
}

/// Searches the brand's knowledge snippets and canned responses.
pub fn knowledge_search(query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, HostError> {
    imports::knowledge_search(query, limit)
}

/// Ranks the brand's knowledge snippets and canned responses against a
/// customer's message with the host's retrieval engine, over an index the
/// host builds once per brand. Contract 0.3.
pub fn knowledge_find(query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, HostError> {
    imports::knowledge_find(query)
}

/// The host's clock, in milliseconds since the Unix epoch.
pub fn now() -> Timestamp {
    imports::now()
}

/// Verifies a MAC in constant time: `expected` against the HMAC-SHA256 of
/// `data` with the host-held secret `secret_name`.
pub fn verify_hmac_sha256(
    secret_name: &str,
    data: &[u8],
    expected: &[u8],
) -> Result<bool, HostError> {
    let actual = hmac_sha256(secret_name, data)?;
    Ok(constant_time_eq(&actual, expected))
}

/// Configuration key the host sets to `"true"` when every request must be
/// signed (the server does; `chorus plugin run` does not).
pub const REQUIRE_SIGNATURES: &str = "chorus.require-signatures";

/// The MAC a signed webhook must carry: HMAC-SHA256 of `signed` with the
/// host-held secret `secret_name`.
///
/// When the brand has not configured that secret: `Unauthorized` if the
/// host requires signatures ([`REQUIRE_SIGNATURES`], the server: it starts
/// no channel without a secret, so the request is in a format this channel
/// is not set up to verify, and the sender is refused), else `None`
/// with a warning in the log that the signature is NOT verified
/// (`chorus plugin run` on a bare fixture).
pub fn expected_signature(
    secret_name: &str,
    signed: &[u8],
) -> Result<Option<Vec<u8>>, PluginError> {
    match hmac_sha256(secret_name, signed) {
        Ok(mac) => Ok(Some(mac)),
        Err(HostError::UnknownSecret(_))
            if config(REQUIRE_SIGNATURES).as_deref() == Some("true") =>
        {
            Err(PluginError::Unauthorized(format!(
                "this channel cannot verify the request: its secret `{secret_name}` is not configured, and this host requires signatures"
            )))
        }
        Err(HostError::UnknownSecret(_)) => {
            log(
                LogLevel::Warn,
                &format!("signature NOT verified: no {secret_name} is configured"),
            );
            Ok(None)
        }
        Err(other) => Err(PluginError::Internal(format!(
            "host HMAC failed: {other:?}"
        ))),
    }
}

/// Whether the brand configured the secret `secret_name` for this plugin.
/// Asks the host for a MAC of nothing: the secret's bytes never leave it.
pub fn secret_configured(secret_name: &str) -> Result<bool, PluginError> {
    match hmac_sha256(secret_name, b"") {
        Ok(_) => Ok(true),
        Err(HostError::UnknownSecret(_)) => Ok(false),
        Err(other) => Err(PluginError::Internal(format!(
            "host HMAC failed: {other:?}"
        ))),
    }
}

/// What both sides MAC to compare a presented secret with a host-held one.
const SECRET_PROBE: &[u8] = b"chorus: is this the configured secret?";

/// Whether `presented` (a password, a bearer token) is the host-held secret
/// `secret_name`, without the secret entering the plugin: the host's
/// HMAC-SHA256 of a fixed probe keyed with the secret is compared in
/// constant time with the plugin's HMAC of the same probe keyed with
/// `presented`. An unconfigured secret is an error, as with
/// [`hmac_sha256`].
pub fn secret_matches(secret_name: &str, presented: &[u8]) -> Result<bool, HostError> {
    use hmac::{Hmac, Mac};
    let expected = hmac_sha256(secret_name, SECRET_PROBE)?;
    // HMAC takes keys of any length; were one refused, it matches nothing.
    let Ok(mut mac) = <Hmac<sha2::Sha256> as Mac>::new_from_slice(presented) else {
        return Ok(false);
    };
    mac.update(SECRET_PROBE);
    Ok(constant_time_eq(&mac.finalize().into_bytes(), &expected))
}

/// Decodes a hex string (either case), as platforms send signatures;
/// `None` when it is not hex.
pub fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Compares two MACs in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_presented_secret_matches_only_the_configured_one() {
        let _host = crate::testing::FakeHost::new()
            .secret("webhook-token", b"s3cret-token")
            .install();
        assert_eq!(secret_matches("webhook-token", b"s3cret-token"), Ok(true));
        assert_eq!(secret_matches("webhook-token", b"s3cret-tokeN"), Ok(false));
        assert_eq!(secret_matches("webhook-token", b""), Ok(false));
        assert!(matches!(
            secret_matches("basic-auth", b"s3cret-token"),
            Err(HostError::UnknownSecret(_))
        ));
        assert_eq!(secret_configured("webhook-token"), Ok(true));
        assert_eq!(secret_configured("basic-auth"), Ok(false));
    }

    #[test]
    fn constant_time_eq_compares_content_and_length() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
