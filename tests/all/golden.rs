//! Golden tests: every fixture runs through the real component in the host
//! and its output is compared with `<fixture>.expected.json` next to it, by
//! the same code as `chorus plugin test` ([`chorus_host::fixtures`]).
//! `UPDATE_GOLDEN=1 cargo xtask test` regenerates the expected files on purpose.

use std::path::PathBuf;

use chorus_e2e::{fixture, load, plugin};
use chorus_host::brand::Brand;
use chorus_host::fixtures::{self, Mode, Verdict};
use chorus_host::runtime::{ContractError, Limits, PluginError};
use serde_json::Value;

/// Runs every fixture in `dir` through `component` and compares (or, with
/// `UPDATE_GOLDEN=1`, writes) the expected files; returns the outputs.
async fn run_golden(component: &str, dir: &str) -> Vec<(PathBuf, Value)> {
    // Golden tests check outputs, not speed (tests/all/limits.rs does): a
    // debug build of the host copies multi-megabyte payloads into the guest
    // slowly enough to hit the 50 ms production deadline.
    let limits = Limits {
        deadline: std::time::Duration::from_secs(5),
        ..Limits::default()
    };
    let plugin = load(&plugin(component), limits).await;
    let mode = if std::env::var_os("UPDATE_GOLDEN").is_some() {
        Mode::Update
    } else {
        Mode::Compare
    };
    let entries = fixtures::run_folder(&plugin, &Brand::example(), &fixture(dir), mode)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut outputs = Vec::new();
    for entry in entries {
        match &entry.verdict {
            Verdict::Mismatch(differences) => failures.push(format!(
                "{} differs from {}:\n  {}",
                entry.fixture.path.display(),
                entry.fixture.expected.display(),
                differences
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n  ")
            )),
            Verdict::New => failures.push(format!(
                "{} is missing (UPDATE_GOLDEN=1 writes it)",
                entry.fixture.expected.display()
            )),
            _ => {}
        }
        if let Some(run) = entry.run {
            outputs.push((entry.fixture.path, run.output));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
    outputs
}

/// Every real fixture in `dir` goes through `component` (succeeding, or at
/// most a tenth refused with the plugin's typed bad-input error), keeps its
/// channel's form and matches its golden output.
async fn check_real_fixtures(component: &str, dir: &str, at_least: usize) {
    let outputs = run_golden(component, dir).await;
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
}

/// Every malformed fixture in `dir` is refused by `component` as bad input
/// or unsupported (never a trap, a timeout or bad output), as recorded.
async fn check_malformed_fixtures(component: &str, dir: &str, at_least: usize) {
    let outputs = run_golden(component, dir).await;
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
}

/// The Python SMS plugin on Twilio webhooks: the same runner and host as
/// the Rust plugins. Every fixture is signed with the documented algorithm
/// (`tests/fixtures/sms/make.py`); the forged, unsigned and other-account
/// ones must be refused as unauthorized.
#[tokio::test]
async fn sms_fixtures_match_their_golden_outputs() {
    if chorus_e2e::python_plugin("sms").is_none() {
        return;
    }
    let outputs = run_golden("sms", "sms").await;
    assert!(outputs.len() >= 9, "only {} sms fixtures", outputs.len());
    for (path, output) in &outputs {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let refused = output.get("error").is_some_and(|error| {
            serde_json::from_value::<PluginError>(error.clone())
                .is_ok_and(|e| matches!(e, PluginError::Plugin(ContractError::Unauthorized(_))))
        });
        assert_eq!(
            refused,
            ["forged-signature", "unsigned", "other-account"].contains(&name),
            "{name}: {output}"
        );
    }
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
