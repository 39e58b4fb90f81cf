//! Helpers for the end-to-end tests: where the built `chorus` binary and
//! components are, and how to run them.
//!
//! Everything here expects `cargo xtask build` (or `cargo xtask test`) to have
//! built the components; a missing file fails with that instruction.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use chorus_host::runtime::{InMemoryServices, Limits, LoadedPlugin, Runtime, RuntimeConfig};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn built(path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{} is missing: run `cargo xtask build` (or `cargo xtask test`) first",
        path.display()
    );
    path
}

/// A shipped plugin component, `target/plugins/<name>.wasm`.
pub fn plugin(name: &str) -> PathBuf {
    built(target_dir().join("plugins").join(format!("{name}.wasm")))
}

/// A test-only guest component, `target/test-guests/<name>.wasm`.
pub fn test_guest(name: &str) -> PathBuf {
    built(
        target_dir()
            .join("test-guests")
            .join(format!("{name}.wasm")),
    )
}

/// A fixture file under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    root().join("tests/fixtures").join(relative)
}

/// The pre-initialization cache shared by the tests.
pub fn cache_dir() -> PathBuf {
    target_dir().join("test-cache")
}

/// Runs the real `chorus` binary with `args`.
pub fn chorus(args: &[&str]) -> Output {
    let binary = built(target_dir().join("debug").join("chorus"));
    Command::new(binary)
        .args(args)
        .current_dir(root())
        .env("CHORUS_CACHE_DIR", cache_dir())
        .env_remove("CHORUS_LOG")
        .output()
        .expect("the chorus binary runs")
}

/// A runtime with `limits` and the shared cache.
pub fn runtime(limits: Limits) -> Runtime {
    Runtime::new(RuntimeConfig {
        limits,
        cache_dir: Some(cache_dir()),
        max_concurrent_instances: 4,
        preinitialize: true,
    })
    .expect("runtime starts")
}

/// Loads a component with `limits`.
pub async fn load(path: &Path, limits: Limits) -> LoadedPlugin {
    runtime(limits)
        .load_file(path)
        .await
        .unwrap_or_else(|e| panic!("{} loads: {e}", path.display()))
}

/// Host services with nothing configured.
pub fn no_services() -> Arc<InMemoryServices> {
    Arc::new(InMemoryServices::new())
}
