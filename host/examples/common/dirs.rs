//! Where the benchmarks find the checkout and the build. Shared by the
//! examples with `#[path]`.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The build's target directory: `CARGO_TARGET_DIR` when set.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// The `chorus` binary of this example's own build profile: release for
/// `cargo xtask bench`, debug for `cargo xtask bench --quick`.
#[allow(dead_code)] // not every example starts a server
pub fn chorus_binary() -> PathBuf {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    target_dir().join(profile).join("chorus")
}
