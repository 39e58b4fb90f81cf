//! The host functions the guest imports (`chorus_extism_wire::functions`),
//! answered in memory: the services Chorus's `InMemoryServices` gives a
//! plugin in its benchmarks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use chorus_extism_wire::{
    Hash, HmacCall, HostError, HostResult, KnowledgeHit, KvSetCall, LogCall, LookupCall,
    PastConversation, functions,
};
use extism::convert::Json;
use extism::{CurrentPlugin, Function, PTR, UserData, Val, ValType, host_fn};
use hmac::{Hmac, Mac};

/// What the host keeps for the brand × plugin: the secrets it was given
/// and a key-value store. It configures no plugin keys, keeps no customer
/// history and no knowledge, and reads the system clock.
#[derive(Debug, Default)]
pub struct Services {
    secrets: HashMap<String, Vec<u8>>,
    kv: HashMap<String, Vec<u8>>,
}

impl Services {
    /// Services holding `secrets` (name, value).
    pub fn new(secrets: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        Self {
            secrets: secrets.into_iter().collect(),
            kv: HashMap::new(),
        }
    }

    /// The host functions, all answered by these services (every plugin
    /// instance made with them shares them).
    pub fn into_functions(self) -> Vec<Function> {
        let services = UserData::new(self);
        let table: [(&str, &[ValType], &[ValType], HostFn); 9] = [
            (functions::LOG, &[PTR], &[], chorus_log),
            (functions::CONFIG, &[PTR], &[PTR], chorus_config),
            (functions::HMAC, &[PTR], &[PTR], chorus_hmac),
            (functions::KV_GET, &[PTR], &[PTR], chorus_kv_get),
            (functions::KV_SET, &[PTR], &[PTR], chorus_kv_set),
            (functions::KV_DELETE, &[PTR], &[PTR], chorus_kv_delete),
            (
                functions::CUSTOMER_HISTORY,
                &[PTR],
                &[PTR],
                chorus_customer_history,
            ),
            (
                functions::KNOWLEDGE_SEARCH,
                &[PTR],
                &[PTR],
                chorus_knowledge_search,
            ),
            (functions::NOW, &[], &[PTR], chorus_now),
        ];
        table
            .into_iter()
            .map(|(name, params, results, f)| {
                Function::new(name, params.to_vec(), results.to_vec(), services.clone(), f)
            })
            .collect()
    }

    fn mac<M: Mac + hmac::digest::KeyInit>(
        &self,
        secret_name: &str,
        data: &[u8],
    ) -> HostResult<Vec<u8>> {
        let secret = self
            .secrets
            .get(secret_name)
            .ok_or_else(|| HostError::UnknownSecret(secret_name.to_owned()))?;
        let mut mac = <M as Mac>::new_from_slice(secret)
            .map_err(|e| HostError::Unavailable(e.to_string()))?;
        mac.update(data);
        Ok(mac.finalize().into_bytes().to_vec())
    }
}

/// A host function as `extism::host_fn!` defines it.
type HostFn =
    fn(&mut CurrentPlugin, &[Val], &mut [Val], UserData<Services>) -> Result<(), extism::Error>;

/// The services behind a host function's user data.
fn lock(services: &Arc<Mutex<Services>>) -> Result<MutexGuard<'_, Services>, extism::Error> {
    services
        .lock()
        .map_err(|_| anyhow!("the host's services are poisoned by an earlier panic"))
}

// `host_fn!` does not give its body the declared return type: each body
// names the type of its reply.

// Log lines are dropped: Chorus's benchmarks install no log subscriber.
host_fn!(chorus_log(_services: Services; _call: Json<LogCall>) {
    Ok(())
});

host_fn!(chorus_config(_services: Services; _key: String) -> Json<Option<String>> {
    let value: Option<String> = None;
    Ok(Json(value))
});

host_fn!(chorus_hmac(services: Services; call: Json<HmacCall>) -> Json<HostResult<Vec<u8>>> {
    let Json(call) = call;
    let services = services.get()?;
    let services = lock(&services)?;
    let mac: HostResult<Vec<u8>> = match call.hash {
        Hash::Sha256 => services.mac::<Hmac<sha2::Sha256>>(&call.secret_name, &call.data),
        Hash::Sha1 => services.mac::<Hmac<sha1::Sha1>>(&call.secret_name, &call.data),
    };
    Ok(Json(mac))
});

host_fn!(chorus_kv_get(services: Services; key: String) -> Json<HostResult<Option<Vec<u8>>>> {
    let services = services.get()?;
    let value: HostResult<Option<Vec<u8>>> = Ok(lock(&services)?.kv.get(&key).cloned());
    Ok(Json(value))
});

host_fn!(chorus_kv_set(services: Services; call: Json<KvSetCall>) -> Json<HostResult<()>> {
    let Json(call) = call;
    let services = services.get()?;
    lock(&services)?.kv.insert(call.key, call.value);
    let done: HostResult<()> = Ok(());
    Ok(Json(done))
});

host_fn!(chorus_kv_delete(services: Services; key: String) -> Json<HostResult<()>> {
    let services = services.get()?;
    lock(&services)?.kv.remove(&key);
    let done: HostResult<()> = Ok(());
    Ok(Json(done))
});

host_fn!(chorus_customer_history(_services: Services; _call: Json<LookupCall>) -> Json<HostResult<Vec<PastConversation>>> {
    let history: HostResult<Vec<PastConversation>> = Ok(Vec::new());
    Ok(Json(history))
});

host_fn!(chorus_knowledge_search(_services: Services; _call: Json<LookupCall>) -> Json<HostResult<Vec<KnowledgeHit>>> {
    let hits: HostResult<Vec<KnowledgeHit>> = Ok(Vec::new());
    Ok(Json(hits))
});

host_fn!(chorus_now(_services: Services;) -> i64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH)?;
    let now: i64 = i64::try_from(since_epoch.as_millis())?;
    Ok(now)
});
