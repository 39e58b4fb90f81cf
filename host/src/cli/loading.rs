//! What the plugin commands share: the CLI's plugin runtime (with the
//! user's compiled cache), loading a component, the brand file, and JSON
//! output.

use std::path::{Path, PathBuf};

use chorus_host::brand::Brand;
use chorus_host::runtime::{Limits, LoadError, LoadedPlugin, Runtime, RuntimeConfig};

use super::Failure;

/// The runtime the CLI uses: default limits, the user's cache directory.
pub(super) fn runtime() -> Result<Runtime, Failure> {
    runtime_with(Limits::default())
}

/// The CLI's runtime with `limits`.
pub(super) fn runtime_with(limits: Limits) -> Result<Runtime, Failure> {
    Runtime::new(RuntimeConfig {
        limits,
        cache_dir: cache_dir(),
        max_concurrent_instances: 8,
        ..RuntimeConfig::default()
    })
    .map_err(|e| Failure::other(format!("cannot start the plugin runtime: {e:#}")))
}

/// `$CHORUS_CACHE_DIR`, else `$XDG_CACHE_HOME/chorus`, else `~/.cache/chorus`.
fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CHORUS_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .map(|base| base.join("chorus"))
}

/// Loads the component at `wasm`: exit 1 when it cannot be read, 2 when
/// it is not a plugin this host runs.
pub(super) async fn load(runtime: &Runtime, wasm: &Path) -> Result<LoadedPlugin, Failure> {
    runtime.load_file(wasm).await.map_err(|e| {
        let message = format!("{}: {e}", wasm.display());
        match e {
            LoadError::Read { .. } => Failure::other(message),
            _ => Failure::refused(message),
        }
    })
}

/// The brand file given, else the example brand.
pub(super) fn load_brand(path: Option<&Path>) -> Result<Brand, Failure> {
    match path {
        Some(path) => Brand::load(path).map_err(|e| Failure::refused(e.to_string())),
        None => Ok(Brand::example()),
    }
}

/// `value` as indented JSON.
pub(super) fn pretty(value: &serde_json::Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))
}
