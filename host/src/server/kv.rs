//! The plugins' key-value store, durable: a brand × plugin namespace of the
//! store, with the quotas of `[limits.kv]`, offered to the runtime as its
//! [`KvBackend`].
//!
//! A plugin's `host.kv-*` call is synchronous inside wasmtime, and the
//! store is async: the call blocks its plugin thread (never an HTTP thread:
//! plugins run on the plugin pool's threads) until the store answers, on
//! the runtime the store was opened on.

use std::future::Future;

use tokio::runtime::{Handle, RuntimeFlavor};

use crate::runtime::{KvBackend, ServiceError};
use crate::store::rules::KvQuota;
use crate::store::{KvNamespace, Store, StoreError};

/// One brand × plugin namespace of the store.
pub struct StoreKv<S> {
    store: S,
    space: KvNamespace,
    quota: KvQuota,
    runtime: Handle,
}

impl<S> std::fmt::Debug for StoreKv<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreKv")
            .field("space", &self.space)
            .field("quota", &self.quota)
            .finish_non_exhaustive()
    }
}

impl<S: Store> StoreKv<S> {
    /// The namespace `space` of `store`, whose futures run on `runtime`.
    pub fn new(store: S, space: KvNamespace, quota: KvQuota, runtime: Handle) -> Self {
        Self {
            store,
            space,
            quota,
            runtime,
        }
    }

    /// Runs a store call to completion from the plugin's synchronous call.
    fn wait<T>(
        &self,
        call: impl Future<Output = Result<T, StoreError>> + Send,
    ) -> Result<T, ServiceError>
    where
        T: Send,
    {
        let result = match Handle::try_current().map(|h| h.runtime_flavor()) {
            // On a runtime's worker: hand the worker's other tasks to another
            // thread while this one waits.
            Ok(RuntimeFlavor::MultiThread) => {
                tokio::task::block_in_place(|| self.runtime.block_on(call))
            }
            // `block_in_place` is refused on a single-threaded runtime: wait
            // on a thread of its own. Something else must then drive the
            // store's runtime (the server's is multi-threaded, and SQLite
            // connections run on threads of their own); the server never
            // gets here, its plugin calls run on the plugin pool.
            Ok(_) => std::thread::scope(|scope| {
                scope
                    .spawn(|| self.runtime.block_on(call))
                    .join()
                    .unwrap_or_else(|_| Err(StoreError::Closed))
            }),
            Err(_) => self.runtime.block_on(call),
        };
        result.map_err(service_error)
    }
}

/// What the plugin is told: over quota is a limit, anything else the
/// backend's failure (retrying later may work).
fn service_error(error: StoreError) -> ServiceError {
    match error {
        StoreError::KvQuota(exceeded) => ServiceError::Limit(exceeded.to_string()),
        other => {
            tracing::error!("plugin key-value store: {other}");
            ServiceError::Unavailable("the key-value store is unavailable".to_owned())
        }
    }
}

impl<S: Store> KvBackend for StoreKv<S> {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, ServiceError> {
        self.wait(self.store.kv_get(&self.space, key))
    }

    fn set(&self, key: &str, value: &[u8]) -> Result<(), ServiceError> {
        self.wait(self.store.kv_set(&self.space, key, value, &self.quota))
    }

    fn delete(&self, key: &str) -> Result<(), ServiceError> {
        self.wait(self.store.kv_delete(&self.space, key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sql::SqlStore;
    use crate::store::sql::testing::PostgresSchema;

    const QUOTA: KvQuota = KvQuota {
        max_keys: 1,
        max_bytes: 1024,
        max_key_bytes: 16,
        max_value_bytes: 64,
    };

    fn kv(store: &SqlStore, plugin: &str) -> StoreKv<SqlStore> {
        let space = KvNamespace {
            brand: "acme".into(),
            plugin: plugin.into(),
        };
        StoreKv::new(store.clone(), space, QUOTA, Handle::current())
    }

    /// What a plugin sees, called synchronously on a runtime's worker as
    /// the plugin pool calls it: its entries, across a restart; a typed
    /// limit over quota; another plugin's namespace untouched.
    async fn a_plugin_sees_durable_entries(url: &str) {
        let store = SqlStore::open(url).await.expect("opens");
        let chat = kv(&store, "chat");
        chat.set("cursor", b"42").expect("set");
        assert!(matches!(
            chat.set("another", b"1"),
            Err(ServiceError::Limit(reason)) if reason.contains("more than 1 keys")
        ));
        let twitter = kv(&store, "twitter");
        assert_eq!(twitter.get("cursor"), Ok(None));
        twitter.set("another", b"1").expect("a quota of its own");
        drop((chat, twitter, store));

        let restarted = SqlStore::open(url).await.expect("reopens");
        let chat = kv(&restarted, "chat");
        assert_eq!(chat.get("cursor"), Ok(Some(b"42".to_vec())));
        chat.delete("cursor").expect("delete");
        assert_eq!(chat.get("cursor"), Ok(None));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_plugin_sees_durable_entries_on_sqlite() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("chorus.db").display());
        a_plugin_sees_durable_entries(&url).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_plugin_sees_durable_entries_on_postgres() {
        if let Some(schema) = PostgresSchema::create() {
            a_plugin_sees_durable_entries(schema.url()).await;
        }
    }
}
