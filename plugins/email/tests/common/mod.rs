//! Helpers shared by the integration tests: fixture requests and running
//! the plugin through the SDK's fake host.

// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chorus_sdk::testing::{self, FakeHost, Outcome, Processed};
use chorus_sdk::{HttpRequest, PluginError};
use email::Email;

/// `tests/fixtures/email/` of the workspace.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email")
}

/// The bytes of a fixture file.
pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A raw message posted as `message/rfc822`.
pub fn eml(name: &str) -> HttpRequest {
    testing::request("POST", &read(name))
        .header("Content-Type", "message/rfc822")
        .build()
}

/// An inbound-parse form with its recorded content type.
pub fn form(name: &str) -> HttpRequest {
    let content_type = String::from_utf8(read(&format!("{name}.content-type"))).expect("utf-8");
    testing::request("POST", &read(&format!("{name}.multipart")))
        .header("Content-Type", content_type.trim())
        .build()
}

/// Runs listen → triage → suggest on `request` with `host` installed.
pub fn run_with(host: FakeHost, request: HttpRequest) -> Result<Outcome, PluginError> {
    let _host = host.install();
    testing::run::<Email>(request, &testing::context(5_000))
}

/// Runs listen → triage → suggest on `request` with an empty fake host.
pub fn run(request: HttpRequest) -> Result<Outcome, PluginError> {
    run_with(FakeHost::new(), request)
}

/// The one message `request` must produce, with its triage and suggestions.
pub fn processed(request: HttpRequest) -> Processed {
    match run(request) {
        Ok(Outcome::Messages(mut messages)) if messages.len() == 1 => messages.remove(0),
        other => panic!("expected one message, got {other:?}"),
    }
}

/// The one message of a golden `.eml` fixture.
pub fn golden(name: &str) -> Processed {
    processed(eml(name))
}

/// The value of the attribute `key`.
pub use chorus_sdk::deliver::attribute;

/// Every email suggestion is a complete email: greeting, body, sign-off.
pub fn assert_email_shaped(processed: &Processed) {
    for suggestion in &processed.suggestions {
        let text = &suggestion.text;
        let (greeting, rest) = text.split_once("\n\n").expect("greeting line");
        assert!(
            greeting.starts_with("Hi ") && greeting.ends_with(','),
            "{text}"
        );
        assert!(rest.ends_with("\n\nBest regards,\nthe Acme team"), "{text}");
        assert!(
            rest.len() > "\n\nBest regards,\nthe Acme team".len(),
            "{text}"
        );
    }
}
