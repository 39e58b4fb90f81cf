//! The `chorus` binary as a user runs it.

use std::process::Output;

use chorus_e2e::{chorus, fixture, plugin, test_guest};
use serde_json::Value;

fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}); stdout: {} stderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Exit code 2 and exactly one `error:` line on stderr, containing `needle`.
/// (Warnings such as a skipped signature check may precede it.)
fn assert_refused(output: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().last(),
        errors.first().copied(),
        "the error comes last: {stderr}"
    );
    assert!(errors[0].contains(needle), "{needle:?} not in {stderr}");
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn check_prints_the_chat_plugins_metadata() {
    let output = chorus(&["plugin", "check", "--json", path(&plugin("chat"))]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = stdout_json(&output);
    assert_eq!(report["metadata"]["name"], "chat");
    assert_eq!(report["metadata"]["channel"], "chat");
    assert_eq!(report["contract"], "chorus:plugin/channel@0.4.0");
    assert_eq!(report["preinitialized"], true);
    assert!(
        report["exports"]
            .as_array()
            .is_some_and(|e| e.iter().any(|x| x == "init"))
    );

    let text = chorus(&["plugin", "check", path(&plugin("chat"))]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("slack-signing-secret"), "{text}");
    assert!(
        text.contains("sends to:        slack.com (and their subdomains"),
        "{text}"
    );
}

#[test]
fn check_refuses_a_text_file() {
    assert_refused(
        &chorus(&["plugin", "check", path(&fixture("README.md"))]),
        "not a WebAssembly file",
    );
}

#[test]
fn check_refuses_a_core_module() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = dir.path().join("core.wasm");
    // The smallest valid core module: magic and version 1.
    std::fs::write(&core, b"\0asm\x01\0\0\0").expect("write");
    assert_refused(
        &chorus(&["plugin", "check", path(&core)]),
        "core WebAssembly module, not a component",
    );
}

#[test]
fn check_refuses_a_plugin_of_a_contract_version_it_does_not_speak() {
    assert_refused(
        &chorus(&["plugin", "check", path(&test_guest("contract-future"))]),
        "incompatible contract version 9.0.0: this host loads 0.1.x, 0.2.x, 0.3.x",
    );
}

#[test]
fn check_refuses_a_component_of_another_world() {
    assert_refused(
        &chorus(&["plugin", "check", path(&test_guest("other-world"))]),
        "component of another world",
    );
}

#[test]
fn run_parses_a_real_slack_event_with_triage_and_suggestions() {
    let output = chorus(&[
        "plugin",
        "run",
        path(&plugin("chat")),
        path(&fixture("slack/message-channel.json")),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = stdout_json(&output);
    let processed = &report["result"]["messages"][0];
    assert_eq!(processed["message"]["author"]["id"], "U123ABC456");
    assert_eq!(processed["message"]["text"], "Live long and prospect.");
    assert_eq!(
        processed["message"]["thread_id"],
        "C123ABC456:1355517523.000005"
    );
    assert!(processed["triage"]["route"].is_string());
    assert!(
        !processed["triage"]["reasons"]
            .as_array()
            .expect("reasons")
            .is_empty()
    );
    assert!(
        !processed["suggestions"]
            .as_array()
            .expect("suggestions")
            .is_empty()
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("signature NOT verified"),
        "the skipped check is visible: {stderr}"
    );
}

#[test]
fn run_answers_the_url_verification_challenge() {
    let output = chorus(&[
        "plugin",
        "run",
        path(&plugin("chat")),
        path(&fixture("slack/url-verification.json")),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = stdout_json(&output);
    assert_eq!(report["result"]["outcome"], "respond");
    let body: Value =
        serde_json::from_str(report["result"]["response"]["body"].as_str().expect("body"))
            .expect("JSON body");
    assert_eq!(
        body["challenge"],
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
}

#[test]
fn run_with_a_secret_rejects_an_unsigned_event() {
    let output = chorus(&[
        "plugin",
        "run",
        "--secret",
        "slack-signing-secret=8f742231b10e8888abcd99yyyzzz85a5",
        path(&plugin("chat")),
        path(&fixture("slack/message-channel.json")),
    ]);
    assert_refused(&output, "unauthorized");
}

#[test]
fn run_refuses_malformed_json_with_a_one_line_error() {
    let output = chorus(&[
        "plugin",
        "run",
        path(&plugin("chat")),
        path(&fixture("slack/malformed/truncated.json")),
    ]);
    assert_refused(&output, "bad input");
}

#[test]
fn run_names_a_bad_brand_file_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brand = dir.path().join("brand.toml");
    std::fs::write(
        &brand,
        "id = \"acme\"\nname = \"Acme\"\nvoice = { persona = \"Sam\", warmth = 7.0 }\n",
    )
    .expect("write");
    let output = chorus(&[
        "plugin",
        "run",
        "--brand",
        path(&brand),
        path(&plugin("chat")),
        path(&fixture("slack/message-channel.json")),
    ]);
    assert_refused(&output, "brand.toml: field `voice`");
}

#[test]
fn run_on_a_missing_event_file_names_it() {
    let output = chorus(&["plugin", "run", path(&plugin("chat")), "no-such-event.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-event.json: cannot read"));
}

#[test]
fn voice_check_accepts_the_example_brands_and_names_a_bad_field() {
    for brand in ["acme", "ledgerbank", "forgekit"] {
        let profile = chorus_e2e::root().join(format!("examples/brands/{brand}/voice.toml"));
        let output = chorus(&["voice", "check", path(&profile)]);
        assert!(
            output.status.success(),
            "{brand}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains(": ok"));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("voice.toml");
    std::fs::write(&bad, "persona = \"Sam\"\nwarmth = 7\n").expect("write");
    assert_refused(&chorus(&["voice", "check", path(&bad)]), "warmth");
    std::fs::write(
        &bad,
        "persona = \"Sam\"\nbanned_phrases = [\"as per our policy\"]\n[[canned_responses]]\nid = \"x\"\nintent = \"refund\"\ntext = \"As per our policy, no.\"\n",
    )
    .expect("write");
    assert_refused(
        &chorus(&["voice", "check", path(&bad)]),
        "canned_responses[0].text",
    );
}

#[test]
fn voice_lint_reports_fixes_and_scores() {
    let acme = chorus_e2e::root().join("examples/brands/acme/voice.toml");
    let banned = chorus(&[
        "voice",
        "lint",
        "--brand",
        path(&acme),
        "--json",
        "We apologize for any inconvenience!!! 🔥🔥",
    ]);
    assert_eq!(banned.status.code(), Some(1), "hard violations exit 1");
    let report = stdout_json(&banned);
    let rules: Vec<&str> = report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter_map(|v| v["rule"].as_str())
        .collect();
    for rule in ["banned-phrase", "emoji", "exclamations"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    assert!(
        !report["fixed"]["text"]
            .as_str()
            .unwrap_or("🔥")
            .contains('🔥')
    );
    let score = report["score"]["total"].as_f64().expect("score");
    assert!((0.0..=1.0).contains(&score), "{score}");

    let clean = chorus(&[
        "voice",
        "lint",
        "--brand",
        path(&acme),
        "Thanks for letting us know, we'll sort it out today.",
    ]);
    assert!(
        clean.status.success(),
        "{}{}",
        String::from_utf8_lossy(&clean.stdout),
        String::from_utf8_lossy(&clean.stderr)
    );
    assert!(String::from_utf8_lossy(&clean.stdout).contains("voice score"));
}
