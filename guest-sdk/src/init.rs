//! Bookkeeping for one-time guest initialization.
//!
//! The host calls the `init` export once at load time and snapshots the
//! instance's memory; every event then starts from that snapshot. If a plugin
//! is ever run without a snapshot (an older host, a bare `wasmtime` call), the
//! first export call initializes lazily, so behaviour is the same either way.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::Plugin;

static INIT_RUNS: AtomicU32 = AtomicU32::new(0);
static INIT_WAS_LAZY: AtomicBool = AtomicBool::new(false);

/// What this instance knows about its own initialization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitReport {
    /// How many times `Plugin::init` has run in this instance's memory,
    /// counting runs captured in the snapshot. A pre-initialized plugin
    /// reports 1 on every event.
    pub runs: u32,
    /// Whether initialization came from the host's snapshot (`true`) or had
    /// to run lazily inside this event (`false`).
    pub from_snapshot: bool,
}

/// Reports how this instance was initialized.
pub fn init_report() -> InitReport {
    let runs = INIT_RUNS.load(Ordering::Relaxed);
    InitReport {
        runs,
        from_snapshot: runs > 0 && !INIT_WAS_LAZY.load(Ordering::Relaxed),
    }
}

/// Builds the toolkit's tables (language detection, retrieval) and runs
/// `P::init`, and counts it. Called by the `init` export: the snapshot then
/// holds the tables, and no event builds them again.
pub fn run_init<P: Plugin>() {
    crate::triage::prepare();
    crate::suggest::prepare();
    // A component asks the host's `knowledge-find`; only builds without
    // it (native, or a core module) search the brand's texts themselves.
    #[cfg(not(all(target_arch = "wasm32", not(chorus_core_module))))]
    chorus_voice::retrieve::prepare();
    P::init();
    INIT_RUNS.fetch_add(1, Ordering::Relaxed);
}

/// Runs `P::init` unless it already ran (normally in the host's snapshot).
pub fn ensure_init<P: Plugin>() {
    if INIT_RUNS.load(Ordering::Relaxed) == 0 {
        INIT_WAS_LAZY.store(true, Ordering::Relaxed);
        run_init::<P>();
    }
}
