//! `chorus plugin new` creates a crate that builds for wasm32-wasip2 and
//! passes `chorus plugin check`: against this checkout's SDK by default,
//! and with `--vendor` from its own copy, moved elsewhere and offline.

use std::path::{Path, PathBuf};
use std::process::Command;

use chorus_e2e::{chorus, root, target_dir};

/// Runs `chorus plugin new <name> --dir <dir> <extra>`; returns the crate.
fn new_plugin(name: &str, dir: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec![
        "plugin",
        "new",
        name,
        "--dir",
        dir.to_str().expect("UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    let created = chorus(&args);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    dir.join(name)
}

/// Builds the crate for wasm32-wasip2 in `target` (with `extra` cargo
/// arguments), checks the component and returns its `check --json` report.
fn build_and_check(crate_dir: &Path, target: &Path, extra: &[&str]) -> serde_json::Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let build = Command::new(cargo)
        .args(["build", "--release", "--target", "wasm32-wasip2"])
        .args(extra)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let package = crate_dir
        .file_name()
        .map(|n| n.to_string_lossy().replace('-', "_"))
        .unwrap_or_default();
    let wasm = target.join(format!("wasm32-wasip2/release/{package}.wasm"));
    let check = chorus(&[
        "plugin",
        "check",
        "--json",
        wasm.to_str().expect("UTF-8 path"),
    ]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(report["preinitialized"], true);
    report
}

fn manifest(crate_dir: &Path) -> String {
    std::fs::read_to_string(crate_dir.join("Cargo.toml")).expect("Cargo.toml")
}

#[test]
fn a_new_plugin_builds_and_passes_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let crate_dir = new_plugin("acme-sms", dir.path(), &[]);
    // By version, patched to this checkout's SDK (the binary's checkout).
    let manifest = manifest(&crate_dir);
    let version = format!("chorus-sdk = \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(manifest.contains(&version), "{manifest}");
    let sdk = root().join("guest-sdk").canonicalize().expect("the SDK");
    let patch = format!(
        "[patch.crates-io]\nchorus-sdk = {{ path = \"{}\" }}",
        sdk.display()
    );
    assert!(manifest.contains(&patch), "{manifest}");
    assert!(crate_dir.join("fixtures/first-message.json").is_file());

    // A target directory of its own, kept between runs so the SDK builds once.
    let report = build_and_check(&crate_dir, &target_dir().join("scaffold-test"), &[]);
    assert_eq!(report["metadata"]["name"], "acme-sms");
}

#[test]
fn a_vendored_plugin_builds_offline_after_moving() {
    let made = tempfile::tempdir().expect("tempdir");
    let crate_dir = new_plugin("acme-vendored", made.path(), &["--vendor"]);
    let moved = tempfile::tempdir().expect("tempdir");
    let moved_dir = moved.path().join("acme-vendored");
    std::fs::rename(&crate_dir, &moved_dir).expect("move the crate");

    let manifest = manifest(&moved_dir);
    assert!(
        manifest.contains("chorus-sdk = { path = \"vendor/chorus-sdk\" }"),
        "{manifest}"
    );
    for vendored in [
        "chorus-sdk/wit/since_v0.1.0/plugin.wit",
        "chorus-voice/src/lib.rs",
    ] {
        assert!(
            moved_dir.join("vendor").join(vendored).is_file(),
            "{vendored}"
        );
    }
    // Nothing in the crate points back at this checkout.
    let checkout = root().display().to_string();
    for file in files(&moved_dir) {
        let bytes = std::fs::read(&file).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&checkout),
            "{} names the checkout",
            file.display()
        );
    }

    // Its own target directory: the vendored SDK is another package than
    // the checkout's, and is rebuilt from its new place on every run.
    let target = target_dir().join("scaffold-vendored");
    let report = build_and_check(&moved_dir, &target, &["--offline"]);
    assert_eq!(report["metadata"]["name"], "acme-vendored");
}

#[test]
fn new_refuses_a_bad_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = chorus(&[
        "plugin",
        "new",
        "Acme SMS",
        "--dir",
        dir.path().to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("plugin name"));
}

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}
