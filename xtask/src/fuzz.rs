//! `cargo xtask fuzz`: every target of the `chorus-fuzz` crate (`fuzz/`),
//! each for a bounded time under libFuzzer, through cargo fuzz.
//!
//! Installs what it needs when missing (a nightly toolchain, which cargo
//! fuzz's instrumentation flags require, and `cargo-fuzz` itself), writes
//! each target's seeds into `fuzz/corpus/<target>/` (the corpus grows from
//! run to run), then runs the targets one after the other. An input that
//! makes a target fail is copied into `fuzz/regressions/<target>/`, where
//! `cargo test` replays it from then on; the task then fails, naming it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::{cargo, root, run as run_command, target_dir};

/// The toolchain cargo fuzz builds with.
const NIGHTLY: &str = "nightly";

/// What one target's run came to.
struct Outcome {
    target: String,
    runs: Option<u64>,
    coverage: Option<u64>,
    kept: Vec<PathBuf>,
    log: PathBuf,
}

/// Runs `wanted` (all targets when empty) for `seconds` each.
pub fn run(seconds: u64, wanted: &[String]) -> Result<()> {
    let started = Instant::now();
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    let targets = choose(wanted)?;
    let fuzz = root().join("fuzz");
    run_command(
        cargo()
            .args([
                "run",
                "--quiet",
                "--package",
                "chorus-fuzz",
                "--example",
                "seed",
                "--",
            ])
            .arg(fuzz.join("corpus"))
            .args(&targets),
    )?;
    // One build for every target, in parallel, before any clock starts;
    // the targets then run as built (`cargo fuzz run` would build again).
    run_command(nightly_fuzz().args(["build"]).args(BUILD_FLAGS))?;
    let built = target_dir().join(host_triple()?).join("release");
    let logs = target_dir().join("fuzz");
    std::fs::create_dir_all(&logs).with_context(|| format!("cannot create {}", logs.display()))?;
    let mut outcomes = Vec::new();
    for target in &targets {
        outcomes.push(fuzz_one(target, seconds, &built, &fuzz, &logs)?);
    }
    eprintln!("\ntarget            runs         coverage  result");
    for o in &outcomes {
        let number = |n: Option<u64>| n.map_or_else(|| "?".to_owned(), |n| n.to_string());
        let result = if o.kept.is_empty() {
            "ok".to_owned()
        } else {
            format!("FAILED, kept {}", o.kept.len())
        };
        eprintln!(
            "{:<16}  {:>10}  {:>9}  {result}",
            o.target,
            number(o.runs),
            number(o.coverage)
        );
    }
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| !o.kept.is_empty()).collect();
    if !failed.is_empty() {
        for o in &failed {
            eprintln!("\n{}: log {}", o.target, o.log.display());
            for kept in &o.kept {
                eprintln!(
                    "  kept {} (replayed by `cargo test -p chorus-fuzz`)",
                    kept.display()
                );
            }
        }
        bail!("{} fuzz target(s) failed", failed.len());
    }
    eprintln!(
        "xtask: {} fuzz targets ran {seconds} s each without a failure ({:.0?} in all)",
        outcomes.len(),
        started.elapsed()
    );
    Ok(())
}

/// Release with debug assertions (overflow checks), no sanitizer: the code
/// under test is safe Rust, and the instrumented build of wasmtime stays
/// fast enough to fuzz the whole HTTP intake.
const BUILD_FLAGS: [&str; 5] = [
    "--features",
    "libfuzzer",
    "--sanitizer",
    "none",
    "--debug-assertions",
];

fn nightly_fuzz() -> Command {
    let mut command = Command::new("rustup");
    command
        .args(["run", NIGHTLY, "cargo", "fuzz"])
        .current_dir(root());
    command
}

fn fuzz_one(target: &str, seconds: u64, built: &Path, fuzz: &Path, logs: &Path) -> Result<Outcome> {
    let artifacts = fuzz.join("artifacts").join(target);
    std::fs::create_dir_all(&artifacts)
        .with_context(|| format!("cannot create {}", artifacts.display()))?;
    let before = files(&artifacts);
    let log = logs.join(format!("{target}.log"));
    let file =
        std::fs::File::create(&log).with_context(|| format!("cannot create {}", log.display()))?;
    // As `cargo fuzz run` runs it: the corpus folder, crashes into artifacts.
    let mut command = Command::new(built.join(target));
    command
        .current_dir(root())
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg(format!("-max_total_time={seconds}"))
        .args(["-timeout=10", "-print_final_stats=1"])
        .arg(fuzz.join("corpus").join(target))
        .stdout(Stdio::null())
        .stderr(file);
    eprintln!(
        "xtask: fuzzing {target} for {seconds} s (log: {})",
        log.display()
    );
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let mut kept = Vec::new();
    let regressions = fuzz.join("regressions").join(target);
    for found in files(&artifacts)
        .into_iter()
        .filter(|f| !before.contains(f))
    {
        std::fs::create_dir_all(&regressions)?;
        let name = found.file_name().context("an artifact has a file name")?;
        let destination = regressions.join(name);
        std::fs::copy(&found, &destination)
            .with_context(|| format!("cannot keep {}", found.display()))?;
        kept.push(destination);
    }
    if !status.success() && kept.is_empty() {
        let tail: Vec<&str> = text.lines().rev().take(30).collect();
        for line in tail.into_iter().rev() {
            eprintln!("  {line}");
        }
        bail!(
            "fuzzing {target} failed with {status} and left no input (log: {})",
            log.display()
        );
    }
    Ok(Outcome {
        target: target.to_owned(),
        runs: stat(&text, "stat::number_of_executed_units:"),
        coverage: coverage(&text),
        kept,
        log,
    })
}

/// The files of `dir` (none when it does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// A `-print_final_stats` value.
fn stat(log: &str, name: &str) -> Option<u64> {
    log.lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|v| v.trim().parse().ok())
}

/// The last `cov: N` libFuzzer printed: edges covered.
fn coverage(log: &str) -> Option<u64> {
    log.lines().rev().find_map(|line| {
        let rest = line.split_once(" cov: ")?.1;
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// The host's target triple, under which cargo fuzz builds.
fn host_triple() -> Result<String> {
    let output = Command::new("rustc")
        .arg("-vV")
        .output()
        .context("cannot run `rustc -vV`")?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
        .context("`rustc -vV` names no host")
}

/// The targets to run: `wanted`, each checked against `cargo fuzz list`.
fn choose(wanted: &[String]) -> Result<Vec<String>> {
    let output = nightly_fuzz()
        .arg("list")
        .output()
        .context("cannot run `cargo fuzz list`")?;
    if !output.status.success() {
        bail!(
            "`cargo fuzz list` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let all: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if let Some(unknown) = wanted.iter().find(|w| !all.contains(w)) {
        bail!(
            "no fuzz target `{unknown}`; the targets are {}",
            all.join(", ")
        );
    }
    Ok(if wanted.is_empty() {
        all
    } else {
        wanted.to_vec()
    })
}

fn ensure_nightly() -> Result<()> {
    let output = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .context("rustup is needed to install a nightly toolchain for cargo fuzz")?;
    if String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|l| l.starts_with(NIGHTLY))
    {
        return Ok(());
    }
    run_command(Command::new("rustup").args([
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
    ]))
}

fn ensure_cargo_fuzz() -> Result<()> {
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if installed {
        return Ok(());
    }
    run_command(cargo().args(["install", "cargo-fuzz", "--locked"]))
}
