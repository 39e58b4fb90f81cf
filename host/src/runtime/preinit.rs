//! Pre-initialization: run the plugin's `init` export once, snapshot the
//! initialized memory with wizer, and cache the compiled snapshot, so no event
//! ever pays for guest initialization.
//!
//! Third-party plugins get this without a build step of their own: the host
//! does it when it loads them. The cache is keyed by the plugin's bytes and
//! the engine's compatibility hash, so a new plugin or a new wasmtime never
//! reuses a stale artifact.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::Component;
use wasmtime::{Store, Trap};
use wasmtime_wizer::Wizer;

use super::error::LoadError;
use super::grant::{Capability, Grants};
use super::services::InMemoryServices;
use super::state::CallState;
use super::{Inner, Limits, ticks};

/// Bumped whenever the snapshot procedure changes, to invalidate caches.
const SNAPSHOT_FORMAT: &str = "chorus-preinit-1";

/// Initialization may build large tables: it gets more time than an event.
const INIT_DEADLINE: Duration = Duration::from_secs(10);

/// A component ready for `instantiate_pre`.
pub(crate) struct Prepared {
    pub component: Component,
    pub preinitialized: bool,
    pub from_cache: bool,
}

/// Returns the pre-initialized component, from the cache when possible.
pub(crate) async fn prepare(
    inner: &Inner,
    name: &str,
    bytes: &[u8],
    plain: Component,
) -> Result<Prepared, LoadError> {
    if !inner.preinitialize {
        return Ok(Prepared {
            component: plain,
            preinitialized: false,
            from_cache: false,
        });
    }
    let cache_path = inner
        .cache_dir
        .as_ref()
        .map(|dir| dir.join(format!("{}.cwasm", cache_key(inner, bytes))));
    if let Some(path) = cache_path.as_deref().filter(|p| p.exists()) {
        // SAFETY: the cache directory belongs to the host and only ever holds
        // artifacts this function serialized with a compatible engine (the
        // key includes the engine's compatibility hash); wasmtime re-checks
        // the engine configuration on load.
        match unsafe { Component::deserialize_file(&inner.engine, path) } {
            Ok(component) => {
                return Ok(Prepared {
                    component,
                    preinitialized: true,
                    from_cache: true,
                });
            }
            Err(e) => tracing::warn!(
                plugin = name,
                "ignoring unusable cache entry {}: {e:#}",
                path.display()
            ),
        }
    }
    match snapshot(inner, name, bytes).await {
        Ok(snapshot) => {
            let component = Component::from_binary(&inner.engine, &snapshot).map_err(|e| {
                LoadError::Invalid(format!("pre-initialized snapshot does not compile: {e:#}"))
            })?;
            if let Some(path) = &cache_path
                && let Err(e) = store_artifact(&component, path)
            {
                tracing::warn!(
                    plugin = name,
                    "cannot cache the compiled plugin at {}: {e:#}",
                    path.display()
                );
            }
            Ok(Prepared {
                component,
                preinitialized: true,
                from_cache: false,
            })
        }
        Err(e)
            if e.chain()
                .any(|cause| cause.downcast_ref::<Trap>().is_some()) =>
        {
            Err(LoadError::Invalid(format!("init() trapped: {e:#}")))
        }
        Err(e) => {
            tracing::warn!(
                plugin = name,
                "pre-initialization is not possible ({e:#}); instances will initialize lazily"
            );
            Ok(Prepared {
                component: plain,
                preinitialized: false,
                from_cache: false,
            })
        }
    }
}

/// Runs `init` under wizer and returns the snapshotted component bytes.
async fn snapshot(inner: &Inner, name: &str, bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let limits = Limits {
        deadline: INIT_DEADLINE,
        ..inner.limits.clone()
    };
    // `init` runs before any brand exists: its services are empty, so
    // granting every capability exposes nothing.
    let all = Capability::ALL
        .into_iter()
        .fold(Grants::default(), Grants::with);
    let state = CallState::new(
        Arc::from(name),
        Arc::new(InMemoryServices::new()),
        &limits,
        all,
    );
    let mut store = Store::new(&inner.engine, state);
    store.limiter(|state| state.limiter());
    // Wizer compiles the component inside `run_component`; compiling a
    // large component on a busy machine can take longer than the deadline,
    // so the deadline starts only once the component is compiled, at
    // instantiation. (Until then a far deadline keeps the epoch quiet.)
    store.set_epoch_deadline(u64::MAX / 2);
    store.epoch_deadline_trap();
    if limits.fuel.is_some() {
        store.set_fuel(u64::MAX)?;
    }
    let linker = &inner.linker;
    let (snapshot, _results) = Wizer::new()
        .init_func("init")
        .keep_init_func(true)
        .run_component(&mut store, bytes, async |store, component| {
            store.set_epoch_deadline(ticks(INIT_DEADLINE));
            linker.instantiate_async(store, component).await
        })
        .await?;
    store.data().flush_stdio();
    Ok(snapshot)
}

/// Writes the compiled artifact atomically (temporary file, then rename).
fn store_artifact(component: &Component, path: &Path) -> anyhow::Result<()> {
    let serialized = component.serialize()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temporary, serialized)?;
    std::fs::rename(&temporary, path)?;
    Ok(())
}

fn cache_key(inner: &Inner, bytes: &[u8]) -> String {
    let mut engine_hash = std::collections::hash_map::DefaultHasher::new();
    inner
        .engine
        .precompile_compatibility_hash()
        .hash(&mut engine_hash);
    let mut digest = Sha256::new();
    digest.update(SNAPSHOT_FORMAT.as_bytes());
    digest.update(engine_hash.finish().to_le_bytes());
    digest.update(bytes);
    digest
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
