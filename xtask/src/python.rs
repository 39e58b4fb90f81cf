//! Plugins written in Python, built into components with componentize-py.
//!
//! componentize-py comes from PyPI at one pinned version, installed once
//! into a virtual environment under the target directory
//! (`target/componentize-py/`), so a fresh machine needs only Python 3. A
//! machine without Python 3 or without PyPI skips these plugins with a
//! warning, and their tests skip too; `CHORUS_REQUIRE_PYTHON=1` (set by
//! `.ci/run`) turns the skip into a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Result, bail};

use super::{root, run, target_dir};

/// Python plugins: (folder under `plugins/`, module, component name).
const PLUGINS: &[(&str, &str, &str)] = &[("sms", "app", "sms")];

/// The componentize-py release the plugins are built with.
const COMPONENTIZE_PY: &str = "componentize-py==0.25.1";

/// The contract the plugins are built against.
const WIT: &str = "wit/since_v0.2.0";

/// Set to `1` to fail instead of skipping without the toolchain.
const REQUIRE: &str = "CHORUS_REQUIRE_PYTHON";

/// Builds every Python plugin into `target/plugins/<name>.wasm`, unless the
/// component is newer than its sources, the contract and the toolchain.
pub(crate) fn build() -> Result<()> {
    let Some(tool) = toolchain()? else {
        return Ok(());
    };
    let tool_time = modified(&tool);
    for (folder, module, name) in PLUGINS {
        let sources = root().join("plugins").join(folder);
        let output = target_dir().join("plugins").join(format!("{name}.wasm"));
        let inputs = [newest(&sources), newest(&root().join(WIT)), tool_time];
        if modified(&output) > inputs.into_iter().max().unwrap_or(SystemTime::UNIX_EPOCH) {
            continue;
        }
        run(Command::new(&tool)
            .args(["-d", WIT, "-w", "plugin", "componentize", module, "-p"])
            .arg(&sources)
            .arg("-o")
            .arg(&output)
            .current_dir(root()))?;
        let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
        eprintln!("xtask: {} ({} KiB)", output.display(), size / 1024);
    }
    Ok(())
}

/// componentize-py from the target directory's virtual environment, made
/// on first use; `None` (with a warning) where Python 3 or PyPI is missing,
/// an error then if [`REQUIRE`] is set.
fn toolchain() -> Result<Option<PathBuf>> {
    let venv = target_dir().join("componentize-py");
    let tool = venv.join("bin").join("componentize-py");
    let pinned = venv.join("pinned");
    if tool.is_file() && std::fs::read_to_string(&pinned).is_ok_and(|p| p == COMPONENTIZE_PY) {
        return Ok(Some(tool));
    }
    let installed = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(venv.join("bin").join("pip"))
            .args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                COMPONENTIZE_PY,
            ])
            .status()
            .is_ok_and(|s| s.success());
    if installed && tool.is_file() {
        std::fs::write(&pinned, COMPONENTIZE_PY)?;
        return Ok(Some(tool));
    }
    let why = format!(
        "cannot install {COMPONENTIZE_PY} (needs python3 with venv and PyPI): the Python plugins are not built"
    );
    if std::env::var(REQUIRE).is_ok_and(|v| v == "1") {
        bail!("{why} ({REQUIRE}=1)");
    }
    eprintln!("xtask: warning: {why}; their tests skip");
    Ok(None)
}

/// When `path` was last modified (the epoch when it does not exist).
fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// The newest modification time of the files in `dir` (not recursive:
/// plugin folders and contract folders are flat).
fn newest(dir: &Path) -> SystemTime {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| modified(&entry.path()))
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}
