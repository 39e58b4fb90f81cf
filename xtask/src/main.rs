//! `cargo xtask`: Chorus developer tasks.
//!
//! - `cargo xtask build`: install the wasm32-wasip2 target if missing, build
//!   every plugin and test guest as a component, copy plugins to
//!   `target/plugins/<name>.wasm` and test guests to `target/test-guests/`;
//!   build the Python plugins with componentize-py (see [`python`]).
//! - `cargo xtask test`: build, then `cargo test --workspace`, the eval
//!   figures, `cargo xtask bench --quick`, clippy with `-D warnings` and
//!   `cargo fmt --check`.
//! - `cargo xtask serve`: build, then run the server on `examples/chorus.toml`.
//! - `cargo xtask demo`: build, then run the chat plugin on a real Slack event.
//! - `cargo xtask bench [--quick]`: build, then measure in release (every
//!   `host/examples/bench_*`, and the Extism peer); results in
//!   `target/bench/bench.json` and `BENCHMARKS.md` (see [`mod@bench`] and
//!   [`report`]). `--quick` runs every benchmark with tiny counts on the
//!   debug build to check the harness, and leaves `BENCHMARKS.md` alone.
//! - `cargo xtask fuzz [--seconds N] [TARGET…]`: build, then run each fuzz
//!   target of `fuzz/` (see [`fuzz`]) for N seconds with cargo fuzz.

mod bench;
mod browser;
mod fuzz;
mod python;
mod report;
mod targets;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

const WASM_TARGET: &str = "wasm32-wasip2";

/// Plugins shipped with Chorus: (cargo package, component name).
const PLUGINS: &[(&str, &str)] = &[("chat", "chat"), ("twitter", "twitter"), ("email", "email")];

/// Test-only guests, never shipped: (cargo package, component name).
const TEST_GUESTS: &[(&str, &str)] = &[
    ("hostile", "hostile"),
    ("other-world", "other-world"),
    ("contract-future", "contract-future"),
];

/// Test guests built once per feature, each into its own component
/// `<package>-<feature>`: (cargo package, features).
const GUEST_VARIANTS: &[(&str, &[&str])] = &[
    // Each way `init` misbehaves.
    ("bad-init", &["sleep", "spin", "panic"]),
    // Each contract version, from one source.
    ("contract-guest", &["v0-1", "v0-2", "v0-3"]),
];

#[derive(Debug, Parser)]
#[command(name = "xtask", about = "Chorus developer tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Build every plugin and test guest as a wasm32-wasip2 component.
    Build,
    /// Build, run the whole test suite, clippy -D warnings and fmt --check.
    Test,
    /// Build, then run the server on the embedded default (examples/chorus.toml).
    Serve,
    /// Build, then run the chat plugin on a real Slack event.
    Demo,
    /// Build, then run every benchmark in release (host/examples/bench_*.rs).
    Bench {
        /// Tiny counts: checks that the benchmarks work, not their numbers.
        #[arg(long)]
        quick: bool,
        /// Run only this benchmark (e.g. `bench_plugins`), keeping the other
        /// sections' results of the last run.
        #[arg(long, value_name = "EXAMPLE")]
        only: Option<String>,
    },
    /// Build, then run every fuzz target (fuzz/) with cargo fuzz for a
    /// bounded time; an input that fails is kept in fuzz/regressions/.
    Fuzz {
        /// Seconds per target.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Targets to run (default: all).
        targets: Vec<String>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().task {
        Task::Build => build(),
        Task::Test => test(),
        Task::Serve => serve(),
        Task::Demo => demo(),
        Task::Bench { quick, only } => bench::measure(quick, only.as_deref()),
        Task::Fuzz { seconds, targets } => {
            build()?;
            fuzz::run(seconds, &targets)
        }
    }
}

/// The workspace root: the parent of this crate's folder.
///
/// `cargo run` (what `cargo xtask` is) sets `CARGO_MANIFEST_DIR` for the
/// program it starts, so the checkout the command was run in wins over the
/// one this binary was compiled from. The two differ when checkouts share a
/// `CARGO_TARGET_DIR`: cargo then reuses one compiled xtask for both.
fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(root());
    command
}

fn run(command: &mut Command) -> Result<()> {
    eprintln!("xtask: {command:?}");
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    // Each step's time, so that a slow CI run shows where it went.
    let step: Vec<_> = std::iter::once(command.get_program())
        .chain(command.get_args().take(3))
        .collect();
    eprintln!("xtask: {step:?} took {:.1?}", started.elapsed());
    Ok(())
}

/// Adds the compilation `target` with rustup when it is not installed.
fn ensure_target(target: &str) -> Result<()> {
    let output = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output()
        .with_context(|| format!("rustup is needed to install the {target} target"))?;
    if String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|l| l.trim() == target)
    {
        return Ok(());
    }
    run(Command::new("rustup")
        .args(["target", "add", target])
        .current_dir(root()))
}

fn build() -> Result<()> {
    let started = Instant::now();
    ensure_target(WASM_TARGET)?;
    let mut command = cargo();
    command.args(["build", "--release", "--target", WASM_TARGET]);
    for (package, _) in PLUGINS.iter().chain(TEST_GUESTS) {
        command.args(["--package", package]);
    }
    run(&mut command)?;
    let built = target_dir().join(WASM_TARGET).join("release");
    copy_components(&built, PLUGINS, &target_dir().join("plugins"))?;
    copy_components(&built, TEST_GUESTS, &target_dir().join("test-guests"))?;
    build_guest_variants(&built)?;
    python::build()?;
    eprintln!("xtask: components built in {:.1?}", started.elapsed());
    Ok(())
}

/// The [`GUEST_VARIANTS`], once per feature.
fn build_guest_variants(built: &Path) -> Result<()> {
    for (package, features) in GUEST_VARIANTS {
        for feature in *features {
            run(cargo().args([
                "build",
                "--release",
                "--target",
                WASM_TARGET,
                "--package",
                package,
                "--features",
                feature,
            ]))?;
            let name = format!("{package}-{feature}");
            copy_components(
                built,
                &[(package, &name)],
                &target_dir().join("test-guests"),
            )?;
        }
    }
    Ok(())
}

fn copy_components(built: &Path, list: &[(&str, &str)], destination: &Path) -> Result<()> {
    std::fs::create_dir_all(destination)
        .with_context(|| format!("creating {}", destination.display()))?;
    for (package, name) in list {
        let from = built.join(format!("{}.wasm", package.replace('-', "_")));
        let to = destination.join(format!("{name}.wasm"));
        std::fs::copy(&from, &to)
            .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
        let size = std::fs::metadata(&to).map(|m| m.len()).unwrap_or(0);
        eprintln!("xtask: {} ({} KiB)", to.display(), size / 1024);
    }
    Ok(())
}

fn test() -> Result<()> {
    let started = Instant::now();
    build()?;
    bench::build_host(false)?;
    browser::ensure();
    run(cargo().args(["test", "--workspace"]))?;
    // Triage figures on the held-out split: printed, not gated (only the
    // command failing fails CI). See docs/EVAL.md.
    run(Command::new(target_dir().join("debug/chorus"))
        .args([
            "eval",
            "triage",
            "tests/data/triage-eval.jsonl",
            "--split",
            "heldout",
        ])
        .arg("--plugins")
        .arg(target_dir().join("plugins"))
        .current_dir(root()))?;
    // Reply figures for the three example brands on the labelled reply set:
    // printed, not gated (see docs/EVAL.md).
    for brand in ["acme", "forgekit", "ledgerbank"] {
        run(Command::new(target_dir().join("debug/chorus"))
            .args(["eval", "replies", "tests/data/reply-eval.jsonl", "--brand"])
            .arg(format!("examples/brands/{brand}/brand.toml"))
            .arg("--plugins")
            .arg(target_dir().join("plugins"))
            .current_dir(root()))?;
    }
    // The benchmarks' harness, with tiny counts on the debug build: checks
    // that every benchmark runs, not its numbers.
    bench::measure_built(true, None)?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The guests again, as wasm: cfg(target_arch = "wasm32") code is linted too.
    let mut wasm_clippy = cargo();
    wasm_clippy.args(["clippy", "--release", "--target", WASM_TARGET]);
    for (package, _) in PLUGINS.iter().chain(TEST_GUESTS) {
        wasm_clippy.args(["--package", package]);
    }
    run(wasm_clippy.args(["--", "-D", "warnings"]))?;
    run(cargo().args(["fmt", "--all", "--check"]))?;
    eprintln!("xtask: all checks passed in {:.1?}", started.elapsed());
    Ok(())
}

fn serve() -> Result<()> {
    build()?;
    run(cargo()
        .args([
            "run",
            "--package",
            "chorus-host",
            "--bin",
            "chorus",
            "--",
            "serve",
            "--config",
        ])
        .arg(root().join("examples/chorus.toml")))
}

fn demo() -> Result<()> {
    build()?;
    let fixture = root().join("tests/fixtures/slack/app-mention.json");
    run(cargo()
        .args([
            "run",
            "--package",
            "chorus-host",
            "--bin",
            "chorus",
            "--",
            "plugin",
            "run",
        ])
        .arg(target_dir().join("plugins/chat.wasm"))
        .arg(fixture))
}
