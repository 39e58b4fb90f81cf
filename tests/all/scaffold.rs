//! `chorus plugin new` creates a crate that builds for wasm32-wasip2 and
//! passes `chorus plugin check`.

use std::process::Command;

use chorus_e2e::{chorus, target_dir};

#[test]
fn a_new_plugin_builds_and_passes_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dir_arg = dir.path().to_str().expect("UTF-8 path");
    let created = chorus(&["plugin", "new", "acme-sms", "--dir", dir_arg]);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let crate_dir = dir.path().join("acme-sms");

    // A target directory of its own, kept between runs so the SDK builds once.
    let scaffold_target = target_dir().join("scaffold-test");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let build = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-wasip2",
            "--manifest-path",
        ])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &scaffold_target)
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let wasm = scaffold_target.join("wasm32-wasip2/release/acme_sms.wasm");
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
    assert_eq!(report["metadata"]["name"], "acme-sms");
    assert_eq!(report["preinitialized"], true);
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
