//! The host capabilities a plugin may call, as a trait with an embedded
//! in-memory backend, [`InMemoryServices`]. Its key-value entries are a
//! [`KvBackend`]: in memory by default (the CLI and tests), the store's
//! durable namespace in the server.
//!
//! Every instance is scoped to one brand × plugin: the runtime never lets a
//! plugin name another brand.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use hmac::{Hmac, Mac};

use super::grant::Grants;
use chorus_voice::retrieve::Knowledge;

use super::knowledge;
use crate::model::{KnowledgeHit, KnowledgeMatch, KnowledgeQuery, PastConversation, Timestamp};

/// Why a host capability call failed; mirrors the contract's `host-error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// The named secret is not configured.
    #[error("unknown secret `{0}`")]
    UnknownSecret(String),
    /// The capability is not granted.
    #[error("not permitted: {0}")]
    NotPermitted(String),
    /// A size or count limit was hit.
    #[error("limit: {0}")]
    Limit(String),
    /// The backend failed.
    #[error("unavailable: {0}")]
    Unavailable(String),
}

/// Capabilities offered to one brand × plugin.
pub trait HostServices: Send + Sync {
    /// Plugin configuration value for `key`.
    fn config(&self, key: &str) -> Option<String>;
    /// The HMAC of `data` with `hash`, keyed with the secret `secret_name`.
    fn hmac(&self, hash: HmacHash, secret_name: &str, data: &[u8])
    -> Result<Vec<u8>, ServiceError>;
    /// Reads a key-value entry.
    fn kv_get(&self, key: &str) -> Result<Option<Vec<u8>>, ServiceError>;
    /// Writes a key-value entry.
    fn kv_set(&self, key: &str, value: &[u8]) -> Result<(), ServiceError>;
    /// Deletes a key-value entry.
    fn kv_delete(&self, key: &str) -> Result<(), ServiceError>;
    /// Earlier conversations of a customer, newest first.
    fn customer_history(
        &self,
        author_id: &str,
        limit: u32,
    ) -> Result<Vec<PastConversation>, ServiceError>;
    /// `host.knowledge-search`: snippets by the share of the query's words
    /// they contain.
    fn knowledge_search(&self, query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, ServiceError>;
    /// `host.knowledge-find`: the brand's texts that answer a message, by
    /// the retrieval engine (see [`Knowledge::find`]), over an index built
    /// once per brand.
    fn knowledge_find(&self, query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, ServiceError>;
    /// Current time in milliseconds since the Unix epoch.
    fn now(&self) -> Timestamp;
    /// Capabilities the operator denies this brand × plugin, whatever the
    /// plugin declares.
    fn denied(&self) -> Grants {
        Grants::default()
    }

    /// Builds, once, what the brand's first plugin call would otherwise
    /// build inside its time limit: the knowledge index. The pipeline calls
    /// it before a message's plugin calls and outside their limits; after
    /// the first time it costs nothing.
    fn prepare(&self) {}
}

/// Where one brand × plugin's key-value entries live.
pub trait KvBackend: Send + Sync + std::fmt::Debug {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, ServiceError>;
    /// Stores `value` under `key`; [`ServiceError::Limit`] when a quota
    /// refuses it.
    fn set(&self, key: &str, value: &[u8]) -> Result<(), ServiceError>;
    /// Deletes `key`, if it is there.
    fn delete(&self, key: &str) -> Result<(), ServiceError>;
}

/// Largest key-value entry a plugin may store.
pub const MAX_KV_VALUE_BYTES: usize = 64 * 1024;
/// Most key-value entries one brand × plugin may hold in memory.
pub const MAX_KV_ENTRIES: usize = 10_000;
/// Most bytes (keys and values) one brand × plugin may hold.
pub const MAX_KV_TOTAL_BYTES: usize = 16 << 20;

/// The hash functions of `host.hmac-*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HmacHash {
    /// `host.hmac-sha256`.
    Sha256,
    /// `host.hmac-sha1` (contract 0.2), for platforms that still sign with
    /// SHA-1 (Twilio).
    Sha1,
}

impl HmacHash {
    /// The HMAC of `data` keyed with `secret`: the one place the host
    /// touches secret bytes.
    pub fn mac(self, secret: &[u8], data: &[u8]) -> Vec<u8> {
        fn mac<D: Mac + hmac::digest::KeyInit>(secret: &[u8], data: &[u8]) -> Vec<u8> {
            // HMAC accepts keys of any length, so this cannot fail.
            let mut mac = <D as Mac>::new_from_slice(secret)
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        match self {
            Self::Sha256 => mac::<Hmac<sha2::Sha256>>(secret, data),
            Self::Sha1 => mac::<Hmac<sha1::Sha1>>(secret, data),
        }
    }
}

/// HMAC-SHA256 of `data` keyed with `secret`, as `host.hmac-sha256` computes
/// it (tests and benchmarks sign requests with it).
pub fn hmac_sha256(secret: &[u8], data: &[u8]) -> Vec<u8> {
    HmacHash::Sha256.mac(secret, data)
}

/// An embedded backend: configuration and secrets given up front, key-value
/// entries in memory unless [`InMemoryServices::with_kv`] says where,
/// knowledge from the brand's voice profile, no history.
#[derive(Debug)]
pub struct InMemoryServices {
    config: HashMap<String, String>,
    secrets: HashMap<String, Vec<u8>>,
    kv: Arc<dyn KvBackend>,
    knowledge: Arc<Knowledge>,
    fixed_now: Option<Timestamp>,
    denied: Grants,
}

/// Key-value entries in memory, gone when the process ends.
#[derive(Debug, Default)]
pub struct InMemoryKv {
    space: Mutex<KvSpace>,
}

/// The key-value entries of one brand × plugin, with their total size.
#[derive(Debug, Default)]
struct KvSpace {
    entries: HashMap<String, Vec<u8>>,
    bytes: usize,
}

impl InMemoryKv {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, KvSpace>, ServiceError> {
        self.space
            .lock()
            .map_err(|_| ServiceError::Unavailable("key-value store lock poisoned".to_owned()))
    }
}

impl KvBackend for InMemoryKv {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, ServiceError> {
        Ok(self.lock()?.entries.get(key).cloned())
    }

    fn set(&self, key: &str, value: &[u8]) -> Result<(), ServiceError> {
        self.lock()?.set(key, value)
    }

    fn delete(&self, key: &str) -> Result<(), ServiceError> {
        self.lock()?.delete(key);
        Ok(())
    }
}

impl KvSpace {
    fn set(&mut self, key: &str, value: &[u8]) -> Result<(), ServiceError> {
        if value.len() > MAX_KV_VALUE_BYTES {
            return Err(ServiceError::Limit(format!(
                "value of {} bytes exceeds {MAX_KV_VALUE_BYTES}",
                value.len()
            )));
        }
        let old = self.entries.get(key).map(|v| key.len() + v.len());
        if old.is_none() && self.entries.len() >= MAX_KV_ENTRIES {
            return Err(ServiceError::Limit(format!(
                "more than {MAX_KV_ENTRIES} keys"
            )));
        }
        let bytes = self.bytes - old.unwrap_or(0) + key.len() + value.len();
        if bytes > MAX_KV_TOTAL_BYTES {
            return Err(ServiceError::Limit(format!(
                "more than {MAX_KV_TOTAL_BYTES} bytes of keys and values"
            )));
        }
        self.entries.insert(key.to_owned(), value.to_vec());
        self.bytes = bytes;
        Ok(())
    }

    fn delete(&mut self, key: &str) {
        if let Some(value) = self.entries.remove(key) {
            self.bytes -= key.len() + value.len();
        }
    }
}

impl Default for InMemoryServices {
    fn default() -> Self {
        Self {
            config: HashMap::new(),
            secrets: HashMap::new(),
            kv: Arc::new(InMemoryKv::default()),
            knowledge: Arc::new(Knowledge::default()),
            fixed_now: None,
            denied: Grants::default(),
        }
    }
}

impl InMemoryServices {
    /// An empty backend.
    pub fn new() -> Self {
        Self::default()
    }

    /// With key-value entries kept in `kv`.
    pub fn with_kv(mut self, kv: Arc<dyn KvBackend>) -> Self {
        self.kv = kv;
        self
    }

    /// With these configuration values.
    pub fn with_config(mut self, config: HashMap<String, String>) -> Self {
        self.config = config;
        self
    }

    /// With this named secret.
    pub fn with_secret(mut self, name: &str, value: Vec<u8>) -> Self {
        self.secrets.insert(name.to_owned(), value);
        self
    }

    /// With these knowledge snippets (id, text), in English.
    pub fn with_knowledge(self, entries: impl IntoIterator<Item = (String, String)>) -> Self {
        self.with_shared_knowledge(Arc::new(knowledge::of_snippets(entries)))
    }

    /// With knowledge shared with other services (a brand's, for each of
    /// its channels, with its index built once).
    pub fn with_shared_knowledge(mut self, knowledge: Arc<Knowledge>) -> Self {
        self.knowledge = knowledge;
        self
    }

    /// With these capabilities denied, whatever the plugin declares.
    pub fn with_denied(mut self, denied: Grants) -> Self {
        self.denied = denied;
        self
    }

    /// With a fixed clock (for tests and reproducible runs).
    pub fn with_fixed_now(mut self, now: Timestamp) -> Self {
        self.fixed_now = Some(now);
        self
    }
}

impl InMemoryServices {
    /// The value of the secret `name`, for the host's own use: filling
    /// the headers of a plugin's outbound calls, logging in to a mail
    /// server. It is never given to a plugin.
    pub fn secret(&self, name: &str) -> Option<Vec<u8>> {
        self.secrets.get(name).cloned()
    }
}

impl HostServices for InMemoryServices {
    fn config(&self, key: &str) -> Option<String> {
        self.config.get(key).cloned()
    }

    fn hmac(
        &self,
        hash: HmacHash,
        secret_name: &str,
        data: &[u8],
    ) -> Result<Vec<u8>, ServiceError> {
        let secret = self
            .secrets
            .get(secret_name)
            .ok_or_else(|| ServiceError::UnknownSecret(secret_name.to_owned()))?;
        Ok(hash.mac(secret, data))
    }

    fn kv_get(&self, key: &str) -> Result<Option<Vec<u8>>, ServiceError> {
        self.kv.get(key)
    }

    fn kv_set(&self, key: &str, value: &[u8]) -> Result<(), ServiceError> {
        self.kv.set(key, value)
    }

    fn kv_delete(&self, key: &str) -> Result<(), ServiceError> {
        self.kv.delete(key)
    }

    fn customer_history(
        &self,
        _author_id: &str,
        _limit: u32,
    ) -> Result<Vec<PastConversation>, ServiceError> {
        Ok(Vec::new())
    }

    fn knowledge_search(&self, query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, ServiceError> {
        Ok(knowledge::search(&self.knowledge, query, limit))
    }

    fn knowledge_find(&self, query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, ServiceError> {
        Ok(knowledge::find(&self.knowledge, query))
    }

    fn now(&self) -> Timestamp {
        self.fixed_now.unwrap_or_else(crate::clock::now)
    }

    fn denied(&self) -> Grants {
        self.denied
    }

    fn prepare(&self) {
        self.knowledge.prepare();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hmac_sha1_matches_rfc_2202_case_2() {
        let mac = HmacHash::Sha1.mac(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    #[test]
    fn unknown_secrets_and_limits_are_errors() {
        let services = InMemoryServices::new();
        assert_eq!(
            services.hmac(HmacHash::Sha1, "nope", b""),
            Err(ServiceError::UnknownSecret("nope".into()))
        );
        assert!(matches!(
            services.kv_set("k", &vec![0; MAX_KV_VALUE_BYTES + 1]),
            Err(ServiceError::Limit(_))
        ));
        services.kv_set("k", b"v").expect("set");
        assert_eq!(services.kv_get("k"), Ok(Some(b"v".to_vec())));
        services.kv_delete("k").expect("delete");
        assert_eq!(services.kv_get("k"), Ok(None));
    }

    #[test]
    fn total_key_value_bytes_are_capped_and_freed_on_delete() {
        let services = InMemoryServices::new();
        let value = vec![0; MAX_KV_VALUE_BYTES];
        let fit = MAX_KV_TOTAL_BYTES / (MAX_KV_VALUE_BYTES + 8);
        for i in 0..fit {
            services.kv_set(&format!("k{i:07}"), &value).expect("fits");
        }
        assert!(matches!(
            services.kv_set("one-more", &value),
            Err(ServiceError::Limit(reason)) if reason.contains("bytes")
        ));
        // Overwriting an entry with the same size is not growth.
        services.kv_set("k0000000", &value).expect("overwrite");
        services.kv_delete("k0000000").expect("delete");
        services
            .kv_set("one-more", &value)
            .expect("room after delete");
    }
}
