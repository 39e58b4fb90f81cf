//! Host calls for a plugin built as a plain core WebAssembly module instead
//! of a component (`--cfg chorus_core_module`), for benchmarks that run the
//! same plugin logic under another host (`bench/extism`).
//!
//! A core-module build links none of the component's imports: the
//! functions of [`crate::host`] call the [`HostCalls`] implementation the
//! embedding guest [`install`]s instead. Chorus itself never sets the cfg.

use std::sync::RwLock;

use crate::{
    HostError, KnowledgeHit, KnowledgeMatch, KnowledgeQuery, LogLevel, PastConversation, Timestamp,
};

/// The services a host gives a plugin, one method per function of
/// [`crate::host`] (and of the contract's `host` interface), with the same
/// meaning.
pub trait HostCalls {
    /// Writes a line to the host's log.
    fn log(&self, level: LogLevel, message: &str);
    /// This brand's configuration value `key` for this plugin.
    fn config(&self, key: &str) -> Option<String>;
    /// HMAC-SHA256 of `data` with the host-held secret `secret_name`.
    fn hmac_sha256(&self, secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError>;
    /// HMAC-SHA1 of `data` with the host-held secret `secret_name`.
    fn hmac_sha1(&self, secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError>;
    /// Reads `key` from the brand × plugin key-value namespace.
    fn kv_get(&self, key: &str) -> Result<Option<Vec<u8>>, HostError>;
    /// Writes `key` in the brand × plugin key-value namespace.
    fn kv_set(&self, key: &str, value: &[u8]) -> Result<(), HostError>;
    /// Deletes `key` from the brand × plugin key-value namespace.
    fn kv_delete(&self, key: &str) -> Result<(), HostError>;
    /// Earlier conversations of the customer `author_id`, newest first.
    fn customer_history(
        &self,
        author_id: &str,
        limit: u32,
    ) -> Result<Vec<PastConversation>, HostError>;
    /// Searches the brand's knowledge snippets and canned responses.
    fn knowledge_search(&self, query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, HostError>;
    /// Ranks the brand's texts against a message with the host's retrieval.
    /// A host without its own retrieval keeps this default: the SDK's
    /// replies then retrieve inside the module (see `suggest`).
    fn knowledge_find(&self, _query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, HostError> {
        Err(HostError::Unavailable(
            "this host has no knowledge retrieval".to_owned(),
        ))
    }
    /// The host's clock, in milliseconds since the Unix epoch.
    fn now(&self) -> Timestamp;
}

type Host = Box<dyn HostCalls + Send + Sync>;

static HOST: RwLock<Option<Host>> = RwLock::new(None);

/// Makes `host` the host of every later plugin call in this module,
/// replacing the one installed before. Install it before the first event.
pub fn install(host: Box<dyn HostCalls + Send + Sync>) {
    // A poisoned lock only means a host call panicked; the slot is still valid.
    *HOST.write().unwrap_or_else(|e| e.into_inner()) = Some(host);
}

fn with<R>(f: impl FnOnce(&dyn HostCalls) -> R) -> R {
    let host = HOST.read().unwrap_or_else(|e| e.into_inner());
    let host = host.as_deref().unwrap_or_else(|| {
        panic!("no host in this core module: call chorus_sdk::core_module::install first")
    });
    f(host)
}

/// The installed host's functions with the signatures of the component's
/// imports, for [`crate::host`].
pub(crate) mod imports {
    use super::*;

    pub fn log(level: LogLevel, message: &str) {
        with(|h| h.log(level, message))
    }

    pub fn config(key: &str) -> Option<String> {
        with(|h| h.config(key))
    }

    pub fn hmac_sha256(secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
        with(|h| h.hmac_sha256(secret_name, data))
    }

    pub fn hmac_sha1(secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
        with(|h| h.hmac_sha1(secret_name, data))
    }

    pub fn kv_get(key: &str) -> Result<Option<Vec<u8>>, HostError> {
        with(|h| h.kv_get(key))
    }

    pub fn kv_set(key: &str, value: &[u8]) -> Result<(), HostError> {
        with(|h| h.kv_set(key, value))
    }

    pub fn kv_delete(key: &str) -> Result<(), HostError> {
        with(|h| h.kv_delete(key))
    }

    pub fn customer_history(
        author_id: &str,
        limit: u32,
    ) -> Result<Vec<PastConversation>, HostError> {
        with(|h| h.customer_history(author_id, limit))
    }

    pub fn knowledge_search(query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, HostError> {
        with(|h| h.knowledge_search(query, limit))
    }

    pub fn knowledge_find(query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, HostError> {
        with(|h| h.knowledge_find(query))
    }

    pub fn now() -> Timestamp {
        with(|h| h.now())
    }
}
