//! The plugins' host calls (`chorus_sdk::host`), answered by the runner's
//! Extism host functions (`chorus_extism_wire::functions`), with values in
//! JSON.

use std::sync::Once;

use chorus_extism_wire as wire;
use chorus_sdk::core_module::{self, HostCalls};
use chorus_sdk::{HostError, KnowledgeHit, LogLevel, PastConversation, Timestamp};
use extism_pdk::{Json, host_fn};

// The names and types are those of `chorus_extism_wire::functions`.
#[host_fn]
extern "ExtismHost" {
    fn chorus_log(call: Json<wire::LogCall>);
    fn chorus_config(key: &str) -> Json<Option<String>>;
    fn chorus_hmac(call: Json<wire::HmacCall>) -> Json<wire::HostResult<Vec<u8>>>;
    fn chorus_kv_get(key: &str) -> Json<wire::HostResult<Option<Vec<u8>>>>;
    fn chorus_kv_set(call: Json<wire::KvSetCall>) -> Json<wire::HostResult<()>>;
    fn chorus_kv_delete(key: &str) -> Json<wire::HostResult<()>>;
    fn chorus_customer_history(
        call: Json<wire::LookupCall>,
    ) -> Json<wire::HostResult<Vec<wire::PastConversation>>>;
    fn chorus_knowledge_search(
        call: Json<wire::LookupCall>,
    ) -> Json<wire::HostResult<Vec<wire::KnowledgeHit>>>;
    fn chorus_now() -> i64;
}

/// Makes the runner the plugins' host, and a panic's message this call's
/// error, once per instance.
pub fn install() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(report_panic));
        core_module::install(Box::new(ExtismHost));
    });
}

/// Hands a panic's message to the runner: the panic traps, and Extism
/// reports the error set here with the trap.
fn report_panic(info: &std::panic::PanicHookInfo<'_>) {
    if let Ok(message) = extism_pdk::Memory::from_bytes(info.to_string()) {
        // SAFETY: `message` is a live block of Extism memory.
        unsafe { extism_pdk::extism::error_set(message.offset()) };
    }
}

/// [`HostCalls`] through the runner's host functions.
#[derive(Debug)]
struct ExtismHost;

/// The result of a host function that cannot fail in the contract: a
/// failed call is a broken runner, and traps.
fn infallible<T>(function: &str, reply: Result<T, extism_pdk::Error>) -> T {
    reply.unwrap_or_else(|e| panic!("host function {function} failed: {e:#}"))
}

/// The result of a host function that can fail: a failed call is the
/// host's backend failing.
fn fallible<T>(
    function: &str,
    reply: Result<Json<wire::HostResult<T>>, extism_pdk::Error>,
) -> Result<T, HostError> {
    match reply {
        Ok(Json(result)) => result.map_err(|e| match e {
            wire::HostError::UnknownSecret(s) => HostError::UnknownSecret(s),
            wire::HostError::NotPermitted(s) => HostError::NotPermitted(s),
            wire::HostError::Limit(s) => HostError::Limit(s),
            wire::HostError::Unavailable(s) => HostError::Unavailable(s),
        }),
        Err(e) => Err(HostError::Unavailable(format!(
            "host function {function} failed: {e:#}"
        ))),
    }
}

fn hmac(hash: wire::Hash, secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
    let call = wire::HmacCall {
        hash,
        secret_name: secret_name.to_owned(),
        data: data.to_vec(),
    };
    // SAFETY (here and below): the runner defines each host function with
    // the signature declared above.
    fallible(wire::functions::HMAC, unsafe { chorus_hmac(Json(call)) })
}

fn lookup(text: &str, limit: u32) -> Json<wire::LookupCall> {
    Json(wire::LookupCall {
        text: text.to_owned(),
        limit,
    })
}

impl HostCalls for ExtismHost {
    fn log(&self, level: LogLevel, message: &str) {
        let call = wire::LogCall {
            level: match level {
                LogLevel::Debug => wire::LogLevel::Debug,
                LogLevel::Info => wire::LogLevel::Info,
                LogLevel::Warn => wire::LogLevel::Warn,
                LogLevel::Error => wire::LogLevel::Error,
            },
            message: message.to_owned(),
        };
        infallible(wire::functions::LOG, unsafe { chorus_log(Json(call)) })
    }

    fn config(&self, key: &str) -> Option<String> {
        infallible(wire::functions::CONFIG, unsafe { chorus_config(key) }).0
    }

    fn hmac_sha256(&self, secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
        hmac(wire::Hash::Sha256, secret_name, data)
    }

    fn hmac_sha1(&self, secret_name: &str, data: &[u8]) -> Result<Vec<u8>, HostError> {
        hmac(wire::Hash::Sha1, secret_name, data)
    }

    fn kv_get(&self, key: &str) -> Result<Option<Vec<u8>>, HostError> {
        fallible(wire::functions::KV_GET, unsafe { chorus_kv_get(key) })
    }

    fn kv_set(&self, key: &str, value: &[u8]) -> Result<(), HostError> {
        let call = wire::KvSetCall {
            key: key.to_owned(),
            value: value.to_vec(),
        };
        fallible(wire::functions::KV_SET, unsafe {
            chorus_kv_set(Json(call))
        })
    }

    fn kv_delete(&self, key: &str) -> Result<(), HostError> {
        fallible(wire::functions::KV_DELETE, unsafe { chorus_kv_delete(key) })
    }

    fn customer_history(
        &self,
        author_id: &str,
        limit: u32,
    ) -> Result<Vec<PastConversation>, HostError> {
        let reply = unsafe { chorus_customer_history(lookup(author_id, limit)) };
        Ok(fallible(wire::functions::CUSTOMER_HISTORY, reply)?
            .into_iter()
            .map(|c| PastConversation {
                id: c.id,
                channel: c.channel,
                opened_at: c.opened_at,
                intent: c.intent,
                status: c.status,
                summary: c.summary,
            })
            .collect())
    }

    fn knowledge_search(&self, query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, HostError> {
        let reply = unsafe { chorus_knowledge_search(lookup(query, limit)) };
        Ok(fallible(wire::functions::KNOWLEDGE_SEARCH, reply)?
            .into_iter()
            .map(|h| KnowledgeHit {
                id: h.id,
                text: h.text,
                score: h.score,
            })
            .collect())
    }

    fn now(&self) -> Timestamp {
        infallible(wire::functions::NOW, unsafe { chorus_now() })
    }
}
