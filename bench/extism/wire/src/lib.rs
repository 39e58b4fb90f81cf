//! What the Extism benchmark's runner and guest exchange, as JSON: the
//! events the guest's `process` function takes, what it returns, the
//! configuration keys it reads and the host functions it imports.
//!
//! The host functions mirror the contract's `host` interface
//! (`wit/since_v0.2.0/plugin.wit`); each takes and returns one value in
//! Extism memory. The guest declares them by these names in its
//! `#[host_fn]` block; the runner defines them.

use serde::{Deserialize, Serialize};

/// Extism configuration key: the brand's voice profile, as TOML.
pub const CONFIG_VOICE: &str = "voice";
/// Extism configuration key: the brand's id.
pub const CONFIG_BRAND_ID: &str = "brand_id";
/// Extism configuration key: the brand's display name.
pub const CONFIG_BRAND_NAME: &str = "brand_name";

/// The guest's exported function: one event in, a [`Processed`] out.
pub const PROCESS: &str = "process";

/// The target the guest is built for (README.md): it needs no WASI, so the
/// runner gives it none.
pub const GUEST_TARGET: &str = "wasm32-unknown-unknown";

/// The plugins the guest carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PluginName {
    /// `plugins/chat`: Slack events and web chat.
    Chat,
    /// `plugins/twitter`: X webhooks and API v2 posts.
    Twitter,
    /// `plugins/email`: raw MIME and inbound-parse forms.
    Email,
}

impl PluginName {
    /// The name as written in events and results.
    pub fn as_str(self) -> &'static str {
        match self {
            PluginName::Chat => "chat",
            PluginName::Twitter => "twitter",
            PluginName::Email => "email",
        }
    }
}

/// One inbound request for one plugin: a line of the events file, and the
/// input of `process`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The plugin that handles it.
    pub plugin: PluginName,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request path.
    pub path: String,
    /// The raw query string without the leading `?`.
    pub query: String,
    /// Every header as `[name, value]`, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The raw body, base64 (standard alphabet, padded).
    pub body_base64: String,
    /// Whether the plugin must turn it into at least one message; the
    /// runner fails when it does not. Absent: `true` (the benchmark's
    /// events are messages); set `false` for handshakes and ignored events.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub expect_messages: bool,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

/// What `process` made of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Processed {
    /// Messages `listen` returned (0 for a handshake or an ignored event).
    pub messages: u32,
    /// Suggestions over all those messages.
    pub suggestions: u32,
}

/// Why a host call failed: the contract's `host-error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostError {
    /// The named secret is not configured.
    UnknownSecret(String),
    /// The plugin did not declare the capability it used.
    NotPermitted(String),
    /// A limit was hit.
    Limit(String),
    /// The host's backend failed.
    Unavailable(String),
}

/// The reply of a host function that can fail.
pub type HostResult<T> = Result<T, HostError>;

/// Severity of a log line: the contract's `log-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    /// Verbose diagnostics.
    Debug,
    /// Normal operation.
    Info,
    /// Something unexpected that the plugin handled.
    Warn,
    /// Something failed.
    Error,
}

/// Host function names, as imported by the guest (module
/// `extism:host/user`).
pub mod functions {
    /// `(Json<LogCall>)`: writes a log line.
    pub const LOG: &str = "chorus_log";
    /// `(key: String) -> Json<Option<String>>`: a configuration value.
    pub const CONFIG: &str = "chorus_config";
    /// `(Json<HmacCall>) -> Json<HostResult<Vec<u8>>>`: a MAC with a
    /// host-held secret.
    pub const HMAC: &str = "chorus_hmac";
    /// `(key: String) -> Json<HostResult<Option<Vec<u8>>>>`.
    pub const KV_GET: &str = "chorus_kv_get";
    /// `(Json<KvSetCall>) -> Json<HostResult<()>>`.
    pub const KV_SET: &str = "chorus_kv_set";
    /// `(key: String) -> Json<HostResult<()>>`.
    pub const KV_DELETE: &str = "chorus_kv_delete";
    /// `(Json<LookupCall>) -> Json<HostResult<Vec<PastConversation>>>`,
    /// the lookup's text being the author id.
    pub const CUSTOMER_HISTORY: &str = "chorus_customer_history";
    /// `(Json<LookupCall>) -> Json<HostResult<Vec<KnowledgeHit>>>`.
    pub const KNOWLEDGE_SEARCH: &str = "chorus_knowledge_search";
    /// `() -> i64`: milliseconds since the Unix epoch.
    pub const NOW: &str = "chorus_now";
}

/// Arguments of `chorus_log`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogCall {
    /// Severity.
    pub level: LogLevel,
    /// The line.
    pub message: String,
}

/// The hash of an HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hash {
    /// HMAC-SHA256 (`host.hmac-sha256`).
    Sha256,
    /// HMAC-SHA1 (`host.hmac-sha1`).
    Sha1,
}

/// Arguments of `chorus_hmac`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HmacCall {
    /// The hash.
    pub hash: Hash,
    /// The host-held secret that keys it.
    pub secret_name: String,
    /// The data to MAC.
    pub data: Vec<u8>,
}

/// Arguments of `chorus_kv_set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KvSetCall {
    /// The key.
    pub key: String,
    /// The value.
    pub value: Vec<u8>,
}

/// Arguments of `chorus_customer_history` and `chorus_knowledge_search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupCall {
    /// The author id, or the search query.
    pub text: String,
    /// Most results wanted.
    pub limit: u32,
}

/// One past conversation: the contract's `past-conversation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastConversation {
    /// Host conversation id.
    pub id: String,
    /// Channel it happened on.
    pub channel: String,
    /// When it opened, in milliseconds since the Unix epoch.
    pub opened_at: i64,
    /// Intent assigned by triage.
    pub intent: String,
    /// `open`, `resolved`, ...
    pub status: String,
    /// The first customer message, truncated.
    pub summary: String,
}

/// One knowledge hit: the contract's `knowledge-hit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeHit {
    /// Id of the snippet or canned response.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Relevance from 0.0 to 1.0.
    pub score: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_expects_messages_unless_it_says_otherwise() -> serde_json::Result<()> {
        let line = r#"{"plugin":"chat","method":"POST","path":"/","query":"","headers":[["content-type","application/json"]],"body_base64":"e30="}"#;
        let event: Event = serde_json::from_str(line)?;
        assert_eq!(event.plugin, PluginName::Chat);
        assert!(event.expect_messages);
        assert_eq!(serde_json::to_string(&event)?, line);
        let handshake: Event =
            serde_json::from_str(&line.replace('}', r#","expect_messages":false}"#))?;
        assert!(!handshake.expect_messages);
        Ok(())
    }
}
