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
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["json", "txt", "eml", "multipart"].iter().any(|x| e == *x))
        })
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

/// The fixture's content type: from `<name>.content-type` next to it (inbound
/// parse forms carry their boundary there), else from the extension.
pub(crate) fn content_type(path: &Path) -> String {
    if let Ok(declared) = std::fs::read_to_string(path.with_extension("content-type")) {
        return declared.trim().to_owned();
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("eml") => "message/rfc822".to_owned(),
        _ => "application/json".to_owned(),
    }
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
            headers: vec![("content-type".into(), content_type(&path))],
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

/// Every real fixture in `dir` goes through `component` (succeeding, or at
/// most a tenth refused with the plugin's typed bad-input error), keeps its
/// channel's form and matches its golden output.
async fn check_real_fixtures(component: &str, dir: &str, at_least: usize) {
    let outputs = run_all(component, &fixture(dir)).await;
    assert!(
        outputs.len() >= at_least,
        "only {} fixtures in {dir}",
        outputs.len()
    );
    check_channel_form(component, &outputs);
    // A real message may still be refused with the plugin's own typed error
    // (an email without any From or Reply-To, an X v2 search without
    // `expansions=author_id`); anything else must succeed.
    let mut refused = 0;
    for (path, output) in &outputs {
        if let Some(error) = output.get("error") {
            let typed = serde_json::from_value::<PluginError>(error.clone())
                .is_ok_and(|e| matches!(e, PluginError::Plugin(ContractError::BadInput(_))));
            assert!(typed, "{} failed: {output}", path.display());
            refused += 1;
        }
    }
    assert!(
        refused * 10 <= outputs.len(),
        "{refused} of {} fixtures refused",
        outputs.len()
    );
    compare_golden(&outputs);
}

/// Every malformed fixture in `dir` is refused by `component` as bad input
/// or unsupported (never a trap, a timeout or bad output), as recorded.
async fn check_malformed_fixtures(component: &str, dir: &str, at_least: usize) {
    let outputs = run_all(component, &fixture(dir)).await;
    assert!(
        outputs.len() >= at_least,
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
    check_real_fixtures("chat", "slack", 15).await;
}

#[tokio::test]
async fn malformed_slack_payloads_are_refused_as_bad_input_never_a_trap() {
    check_malformed_fixtures("chat", "slack/malformed", 8).await;
}

#[tokio::test]
async fn x_fixtures_match_their_golden_outputs() {
    check_real_fixtures("twitter", "twitter", 15).await;
}

#[tokio::test]
async fn malformed_x_payloads_are_refused_as_bad_input_never_a_trap() {
    check_malformed_fixtures("twitter", "twitter/malformed", 8).await;
}

#[tokio::test]
async fn email_fixtures_match_their_golden_outputs() {
    check_real_fixtures("email", "email", 15).await;
}

#[tokio::test]
async fn malformed_email_is_refused_as_bad_input_never_a_trap() {
    check_malformed_fixtures("email", "email/malformed", 5).await;
}

/// The channel's form holds for every suggestion: X public replies start
/// with the @handle and fit 280 as X counts, DMs 10,000; Slack replies fit
/// 4,000; emails have a greeting and a sign-off.
fn check_channel_form(component: &str, outputs: &[(PathBuf, Value)]) {
    let mut checked = 0;
    for (path, output) in outputs {
        let Some(messages) = output["result"]["messages"].as_array() else {
            continue;
        };
        for processed in messages {
            let message = &processed["message"];
            for suggestion in processed["suggestions"].as_array().into_iter().flatten() {
                let text = suggestion["text"].as_str().unwrap_or_default();
                let at = format!("{}: {text:?}", path.display());
                match component {
                    // Without expansions, X API v2 gives no author handle to address.
                    "twitter"
                        if message["visibility"] == "public"
                            && message["author"]["handle"].is_string() =>
                    {
                        let handle = message["author"]["handle"].as_str().unwrap_or_default();
                        assert!(text.starts_with(&format!("@{handle} ")), "{at}");
                        assert!(twitter::x_length(text) <= 280, "{at}");
                    }
                    "twitter" => assert!(text.chars().count() <= 10_000, "{at}"),
                    "chat" => assert!(text.chars().count() <= 4_000, "{at}"),
                    "email" => {
                        let first = text.lines().next().unwrap_or_default();
                        assert!(first.ends_with(','), "greeting first: {at}");
                        assert!(
                            text.trim_end().lines().count() >= 3,
                            "body and sign-off: {at}"
                        );
                    }
                    _ => {}
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no suggestions to check for {component}");
}

#[tokio::test]
async fn webchat_fixtures_match_their_golden_outputs() {
    check_real_fixtures("chat", "webchat", 4).await;
}

#[tokio::test]
async fn malformed_webchat_is_refused_as_bad_input_never_a_trap() {
    check_malformed_fixtures("chat", "webchat/malformed", 5).await;
}
