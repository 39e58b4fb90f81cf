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
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use wasmtime::component::Component;
use wasmtime::{Store, Trap};
use wasmtime_wizer::Wizer;

use super::error::LoadError;
use super::grant::{Capability, Grants};
use super::services::InMemoryServices;
use super::state::CallState;
use super::{Inner, ticks};

/// Bumped whenever the snapshot procedure changes, to invalidate caches.
const SNAPSHOT_FORMAT: &str = "chorus-preinit-1";

/// Time a blocked `init` gets past its deadline before the host gives up on
/// it (epochs interrupt wasm code at the deadline; this catches host calls).
const BACKSTOP: Duration = Duration::from_millis(250);

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
) -> Result<Prepared, LoadError> {
    // The component as it is, compiled only when no snapshot is used.
    let plain = || {
        Component::from_binary(&inner.engine, bytes)
            .map_err(|e| LoadError::Invalid(format!("invalid component: {e:#}")))
    };
    if !inner.preinitialize {
        return Ok(Prepared {
            component: plain()?,
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
        Err(Snapshot::Init(error)) => Err(error),
        Err(Snapshot::Impossible(e)) => {
            tracing::warn!(
                plugin = name,
                "pre-initialization is not possible ({e:#}); instances will initialize lazily"
            );
            Ok(Prepared {
                component: plain()?,
                preinitialized: false,
                from_cache: false,
            })
        }
    }
}

/// Why no snapshot was taken.
enum Snapshot {
    /// `init` itself failed: the plugin is refused.
    Init(LoadError),
    /// Wizer cannot snapshot this component; it initializes lazily.
    Impossible(wasmtime::Error),
}

/// Runs `init` under wizer and returns the snapshotted component bytes.
async fn snapshot(inner: &Inner, name: &str, bytes: &[u8]) -> Result<Vec<u8>, Snapshot> {
    let deadline = inner.limits.init_deadline;
    // `init` runs before any brand exists: its services are empty, so
    // granting every capability exposes nothing.
    let all = Capability::ALL
        .into_iter()
        .fold(Grants::default(), Grants::with);
    let state = CallState::new(
        Arc::from(name),
        Arc::new(InMemoryServices::new()),
        &inner.limits,
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
    if inner.limits.fuel.is_some() {
        store.set_fuel(u64::MAX).map_err(Snapshot::Impossible)?;
    }
    let linker = &inner.linker;
    let started = OnceLock::new();
    let outcome = {
        let mut wizer = Wizer::new();
        wizer.init_func("init").keep_init_func(true);
        let run = wizer.run_component(&mut store, bytes, async |store, component| {
            let _ = started.set(Instant::now());
            store.set_epoch_deadline(ticks(deadline));
            store.data_mut().start_clock(deadline);
            linker.instantiate_async(store, component).await
        });
        let mut run = std::pin::pin!(run);
        // Epochs cannot interrupt `init` blocked in a host call (a WASI
        // sleep): give up on it once the deadline and a backstop have passed.
        loop {
            tokio::select! {
                result = &mut run => break Some(result),
                () = tokio::time::sleep(Duration::from_millis(20)) => {
                    if started.get().is_some_and(|t: &Instant| t.elapsed() > deadline + BACKSTOP) {
                        break None;
                    }
                }
            }
        }
    };
    store.data().flush_stdio();
    let timed_out = || {
        Snapshot::Init(LoadError::InitTimeout {
            deadline_ms: deadline.as_millis() as u64,
        })
    };
    match outcome {
        None => Err(timed_out()),
        Some(Ok((snapshot, _results))) => Ok(snapshot),
        Some(Err(e)) => Err(match e.chain().find_map(|c| c.downcast_ref::<Trap>()) {
            Some(Trap::Interrupt) => timed_out(),
            Some(trap) => {
                let stderr = store.data().stderr_text();
                Snapshot::Init(match super::guest_stderr_tail(&stderr) {
                    Some(tail) if stderr.contains("panicked") => LoadError::InitPanicked(tail),
                    Some(tail) => LoadError::InitTrapped(format!("{trap}; guest stderr: {tail}")),
                    None => LoadError::InitTrapped(trap.to_string()),
                })
            }
            None => Snapshot::Impossible(e),
        }),
    }
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
    // BLAKE3, not SHA-256: the key hashes the whole component on every
    // load, and a cached load is otherwise a few milliseconds (SHA-256 of
    // a 3.5 MB component took about as long as the rest of the load). It
    // stays a cryptographic hash: third parties write plugins, and a
    // collision would load another component's compiled code.
    let mut digest = blake3::Hasher::new();
    digest.update(SNAPSHOT_FORMAT.as_bytes());
    digest.update(&engine_hash.finish().to_le_bytes());
    digest.update(bytes);
    digest.finalize().to_hex().to_string()
}
