//! Golden tests: every fixture runs through the real component in the host
//! and its output is compared with `<fixture>.expected.json` next to it.
//! `UPDATE_GOLDEN=1 cargo xtask test` regenerates the expected files on purpose.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chorus_e2e::{fixture, load, plugin};
use chorus_host::brand::Brand;
use chorus_host::model::{ChannelLimits, HttpRequest};
use chorus_host::pipeline::run_event;
use chorus_host::runtime::{ContractError, InMemoryServices, Limits, PluginError};
use serde_json::{Value, json};

/// 2024-01-01T00:00:00Z: a fixed clock keeps the outputs reproducible.
const NOW: i64 = 1_704_067_200_000;

fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file())
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        // CRC vectors are test data for the handshake tests, not requests.
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("crc-request"))
        })
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "txt"))
        .collect();
    files.sort();
    files
}

fn expected_path(fixture: &Path) -> PathBuf {
    let name = fixture
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(stem, _)| stem);
    fixture.with_file_name(format!("{stem}.expected.json"))
}

/// Runs every fixture in `dir` through `component`; returns the outputs.
async fn run_all(component: &str, dir: &Path) -> Vec<(PathBuf, Value)> {
    // Golden tests check outputs, not speed (tests/all/limits.rs does): a
    // debug build of the host copies multi-megabyte payloads into the guest
    // slowly enough to hit the 50 ms production deadline.
    let limits = Limits {
        deadline: std::time::Duration::from_secs(5),
        ..Limits::default()
    };
    let plugin = load(&plugin(component), limits).await;
    let brand = Brand::example();
    let context = brand.context(ChannelLimits::default());
    let mut outputs = Vec::new();
    for path in fixtures(dir) {
        let services = Arc::new(InMemoryServices::new().with_fixed_now(NOW));
        let request = HttpRequest {
            method: "POST".into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: std::fs::read(&path).expect("fixture reads"),
            ..HttpRequest::default()
        };
        let output = match run_event(&plugin, services, &request, &context).await {
            Ok(result) => json!({ "result": result }),
            Err(error) => json!({ "error": error }),
        };
        outputs.push((path, output));
    }
    outputs
}

/// Compares with (or, with `UPDATE_GOLDEN=1`, writes) the expected files.
fn compare_golden(outputs: &[(PathBuf, Value)]) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (path, output) in outputs {
        let expected_file = expected_path(path);
        let rendered = serde_json::to_string_pretty(output).expect("serializes") + "\n";
        if update {
            std::fs::write(&expected_file, &rendered).expect("writes golden");
            continue;
        }
        match std::fs::read_to_string(&expected_file) {
            Ok(expected) if expected == rendered => {}
            Ok(_) => mismatches.push(format!(
                "{} differs from {}",
                path.display(),
                expected_file.display()
            )),
            Err(_) => mismatches.push(format!(
                "{} is missing (UPDATE_GOLDEN=1 writes it)",
                expected_file.display()
            )),
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden mismatches:\n{}",
        mismatches.join("\n")
    );
}

/// Every real fixture in `dir` succeeds through `component` and matches its golden output.
async fn check_real_fixtures(component: &str, dir: &str) {
    let outputs = run_all(component, &fixture(dir)).await;
    assert!(
        outputs.len() >= 15,
        "only {} fixtures in {dir}",
        outputs.len()
    );
    for (path, output) in &outputs {
        assert!(
            output.get("result").is_some(),
            "{} failed: {output}",
            path.display()
        );
    }
    compare_golden(&outputs);
}

/// Every malformed fixture in `dir` is refused by `component` as bad input
/// or unsupported (never a trap, a timeout or bad output), as recorded.
async fn check_malformed_fixtures(component: &str, dir: &str) {
    let outputs = run_all(component, &fixture(dir)).await;
    assert!(
        outputs.len() >= 8,
        "only {} malformed fixtures in {dir}",
        outputs.len()
    );
    for (path, output) in &outputs {
        let Some(error) = output.get("error") else {
            continue; // some "malformed" files are still acceptable payloads (e.g. unknown type)
        };
        let error: PluginError = serde_json::from_value(error.clone())
            .unwrap_or_else(|e| panic!("{}: unexpected error {error} ({e})", path.display()));
        assert!(
            matches!(
                error,
                PluginError::Plugin(ContractError::BadInput(_) | ContractError::Unsupported(_))
            ),
            "{}: {error:?}",
            path.display()
        );
    }
    compare_golden(&outputs);
}

#[tokio::test]
async fn slack_fixtures_match_their_golden_outputs() {
    check_real_fixtures("chat", "slack").await;
}

#[tokio::test]
async fn malformed_slack_payloads_are_refused_as_bad_input_never_a_trap() {
    check_malformed_fixtures("chat", "slack/malformed").await;
}

#[tokio::test]
async fn x_fixtures_match_their_golden_outputs() {
    check_real_fixtures("twitter", "twitter").await;
}

#[tokio::test]
async fn malformed_x_payloads_are_refused_as_bad_input_never_a_trap() {
    check_malformed_fixtures("twitter", "twitter/malformed").await;
}
