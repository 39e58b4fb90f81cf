//! `cargo xtask bench [--quick]`: builds, then runs every benchmark
//! (`host/examples/bench_*`) and publishes the results (see
//! [`crate::report`]).
//!
//! A full run builds in release, with the Extism peer (`bench/extism/`, a
//! workspace of its own, built into `target/extism`). `--quick` checks the
//! harness, not the numbers: tiny counts, the debug build the test suite
//! already made, no Extism peer (it would compile a second wasmtime), and
//! `BENCHMARKS.md` is left alone. CI runs it from `cargo xtask test`.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Result;

use crate::{cargo, report, root, run, target_dir};

/// The benchmarks, in the order they run.
const EXAMPLES: &[&str] = &[
    "bench_events",
    "bench_triage",
    "bench_plugins",
    "bench_isolation",
    "bench_e2e",
];

/// Builds and measures; see the module's documentation.
pub fn measure(quick: bool, only: Option<&str>) -> Result<()> {
    crate::build()?;
    measure_built(quick, only)
}

/// Measures, once the components are built (builds the host and the
/// examples); `only` runs one benchmark and keeps the others' last results.
pub fn measure_built(quick: bool, only: Option<&str>) -> Result<()> {
    if let Some(name) = only
        && !EXAMPLES.contains(&name)
    {
        anyhow::bail!("no benchmark {name}; there are {}", EXAMPLES.join(", "));
    }
    let runs = |example: &str| only.is_none_or(|name| name == example);
    build_host(!quick)?;
    let peer = if quick || !runs("bench_plugins") {
        None
    } else {
        Some(extism::build()?)
    };
    let profile = if quick { "debug" } else { "release" };
    let results = target_dir().join("bench");
    report::clear(&results, only)?;
    for example in EXAMPLES.iter().filter(|e| runs(e)) {
        let mut command = Command::new(target_dir().join(profile).join("examples").join(example));
        command.current_dir(root());
        if quick {
            command.arg("--quick");
        }
        if let (Some(peer), &"bench_plugins") = (&peer, example) {
            command
                .arg("--extism-runner")
                .arg(&peer.runner)
                .arg("--extism-guest")
                .arg(&peer.guest);
        }
        run(&mut command)?;
    }
    report::publish(&results, &root().join("BENCHMARKS.md"), quick)
}

/// Builds the `chorus` binary and the benchmarks (every binary and example
/// of the workspace), in release or debug. The end-to-end benchmark runs
/// the real server, and the examples then run as built: built apart (or
/// by `cargo run --example`), their features would differ and each would
/// rebuild the host. Built for the whole workspace, with the examples'
/// dev-dependencies, the features are those `cargo test --workspace`
/// resolves, so the test suite's build and this one share every crate.
pub fn build_host(release: bool) -> Result<()> {
    let mut build = cargo();
    build.args(["build", "--workspace", "--bins", "--examples"]);
    if release {
        build.arg("--release");
    }
    run(&mut build)
}

/// The Extism peer: its runner and its guest, built.
struct Peer {
    runner: PathBuf,
    guest: PathBuf,
}

/// The Extism peer (`bench/extism/`): built apart from the workspace, into
/// `target/extism`, so that nothing else ever compiles its wasmtime.
mod extism {
    use anyhow::Result;

    use super::Peer;
    use crate::{cargo, ensure_target, root, run, target_dir};

    const GUEST_TARGET: &str = "wasm32-unknown-unknown";

    /// Builds the guest (a core module, with `--cfg chorus_core_module`) and
    /// the runner, in release.
    pub(super) fn build() -> Result<Peer> {
        ensure_target(GUEST_TARGET)?;
        let target = target_dir().join("extism");
        let cargo = || {
            let mut command = cargo();
            command
                .current_dir(root().join("bench/extism"))
                .env("CARGO_TARGET_DIR", &target);
            command
        };
        run(cargo().env("RUSTFLAGS", "--cfg chorus_core_module").args([
            "build",
            "--release",
            "--target",
            GUEST_TARGET,
            "--package",
            "chorus-extism-guest",
        ]))?;
        run(cargo().args(["build", "--release", "--package", "chorus-extism-runner"]))?;
        Ok(Peer {
            runner: target.join("release/chorus-extism-runner"),
            guest: target
                .join(GUEST_TARGET)
                .join("release/chorus_extism_guest.wasm"),
        })
    }
}
