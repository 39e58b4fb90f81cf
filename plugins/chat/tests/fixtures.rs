//! The chat plugin's logic on the real Slack fixtures, natively through the
//! SDK's fake host. The same fixtures run through the real component in
//! `tests/all/golden.rs`.

use std::path::{Path, PathBuf};

use chat::Chat;
use chorus_sdk::testing::{self, FakeHost, Outcome, Processed};
use chorus_sdk::{HttpRequest, MessageKind, Plugin, PluginError, Route, Visibility};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/slack")
}

fn request(name: &str) -> HttpRequest {
    let body = std::fs::read(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    testing::request("POST", &body)
        .header("Content-Type", "application/json")
        .build()
}

fn run(name: &str) -> Outcome {
    let _host = FakeHost::new().install();
    testing::run::<Chat>(request(name), &testing::context(4_000))
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn messages(name: &str) -> Vec<Processed> {
    match run(name) {
        Outcome::Messages(messages) => messages,
        other => panic!("{name}: expected messages, got {other:?}"),
    }
}

fn ignored(name: &str) -> String {
    match run(name) {
        Outcome::Ignore(reason) => reason,
        other => panic!("{name}: expected ignore, got {other:?}"),
    }
}

#[test]
fn every_fixture_is_understood() {
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures_dir()).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let _ = run(&name);
        count += 1;
    }
    assert!(count >= 15, "only {count} fixtures");
}

#[test]
fn malformed_fixtures_are_bad_input_and_never_panic() {
    for entry in std::fs::read_dir(fixtures_dir().join("malformed")).expect("malformed fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if name.ends_with(".expected.json") {
            continue;
        }
        let _host = FakeHost::new().install();
        match testing::run::<Chat>(
            request(&format!("malformed/{name}")),
            &testing::context(4_000),
        ) {
            Err(PluginError::BadInput(_) | PluginError::Unsupported(_)) => {}
            Ok(Outcome::Ignore(_)) => {}
            other => panic!("{name}: expected bad input, got {other:?}"),
        }
    }
}

#[test]
fn url_verification_answers_the_challenge() {
    let Outcome::Respond(response) = run("url-verification.json") else {
        panic!("expected a response");
    };
    assert_eq!(response.status, 200);
    assert!(
        String::from_utf8_lossy(&response.body)
            .contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    );
}

#[test]
fn a_channel_message_is_public_with_author_text_and_thread() {
    let processed = &messages("message-channel.json")[0];
    let message = &processed.message;
    assert_eq!(message.author.id, "U123ABC456");
    assert_eq!(message.text, "Live long and prospect.");
    assert_eq!(message.visibility, Visibility::Public);
    assert_eq!(
        message.thread_id.as_deref(),
        Some("C123ABC456:1355517523.000005")
    );
    assert_eq!(message.sent_at, Some(1_355_517_523_000));
    assert!(!processed.triage.reasons.is_empty());
    assert!(!processed.suggestions.is_empty());
}

#[test]
fn direct_messages_are_private() {
    assert_eq!(
        messages("message-im.json")[0].message.visibility,
        Visibility::Private
    );
}

#[test]
fn thread_replies_point_at_their_thread() {
    let message = &messages("message-thread-reply-im.json")[0].message;
    assert_eq!(message.thread_id.as_deref(), Some("D111:1726133698.626339"));
    assert_eq!(
        message.in_reply_to.as_deref(),
        Some("D111:1726133698.626339")
    );
}

#[test]
fn edits_and_deletions_are_marked() {
    let edit = &messages("message-changed.json")[0].message;
    assert_eq!(edit.kind, MessageKind::Edit);
    assert_eq!(edit.text, "updated message");
    let deletion = &messages("message-deleted.json")[0].message;
    assert_eq!(deletion.kind, MessageKind::Deletion);
    assert_eq!(deletion.external_id, "C123ABC456:1358878749.000002");
}

#[test]
fn an_edit_whose_new_version_has_no_ts_applies_to_the_previous_ts() {
    let edit = &messages("message-changed-without-ts.json")[0].message;
    assert_eq!(edit.kind, MessageKind::Edit);
    assert_eq!(edit.external_id, "C0SUPPORT1:1717430480.219309");
    assert_eq!(edit.author.id, "U0DANA123");
    assert!(edit.text.contains("order 58213"), "{}", edit.text);
}

#[test]
fn bots_and_other_events_are_ignored_with_a_reason() {
    assert!(ignored("message-bot-message.json").contains("bot_message"));
    assert!(ignored("message-with-bot-id.json").contains("bot"));
    assert!(ignored("reaction-added.json").contains("reaction_added"));
}

#[test]
fn the_brands_own_bot_is_ignored() {
    let _host = FakeHost::new()
        .config("bot-user-id", "U123ABC456")
        .install();
    let outcome = testing::run::<Chat>(request("message-channel.json"), &testing::context(4_000))
        .expect("runs");
    assert!(matches!(outcome, Outcome::Ignore(reason) if reason.contains("own bot")));
}

#[test]
fn the_apps_own_bot_user_is_ignored_even_when_another_is_configured() {
    // The server configures `bot-user-id`; the payload's bot authorization
    // still counts, in a plain event and in a Socket Mode envelope.
    for (name, configured) in [
        ("message-by-own-bot-user.json", None),
        ("message-by-own-bot-user.json", Some("U0ACMEBOT")),
        ("socket-mode-app-mention-by-own-bot.json", None),
        (
            "socket-mode-app-mention-by-own-bot.json",
            Some("U0ACMEBOT, U0OTHER"),
        ),
    ] {
        let mut host = FakeHost::new();
        if let Some(ids) = configured {
            host = host.config("bot-user-id", ids);
        }
        let _host = host.install();
        let outcome = testing::run::<Chat>(request(name), &testing::context(4_000))
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(
            matches!(&outcome, Outcome::Ignore(reason) if reason.contains("own bot user U0CHORUSAPP")),
            "{name} with {configured:?}: {outcome:?}"
        );
    }
}

#[test]
fn every_configured_bot_user_is_the_apps_own() {
    let _host = FakeHost::new()
        .config("bot-user-id", "U0ACMEBOT,U123ABC456")
        .install();
    let outcome = testing::run::<Chat>(request("message-channel.json"), &testing::context(4_000))
        .expect("runs");
    assert!(matches!(outcome, Outcome::Ignore(reason) if reason.contains("U123ABC456")));
}

#[test]
fn files_are_listed_and_links_made_plain() {
    let message = &messages("message-file-share.json")[0].message;
    assert_eq!(message.attachments[0].name, "test_text.txt");
    assert_eq!(message.attachments[0].size, 14);
    let linked = &messages("message-mrkdwn-links.json")[0].message;
    assert!(
        linked
            .text
            .starts_with("@tester uploaded a file: test.txt (https://"),
        "{}",
        linked.text
    );
}

#[test]
fn retries_are_recorded() {
    let _host = FakeHost::new().install();
    let mut retry = request("message-channel.json");
    retry.headers.push(chorus_sdk::Header {
        name: "X-Slack-Retry-Num".into(),
        value: "2".into(),
    });
    let Ok(Outcome::Messages(processed)) = testing::run::<Chat>(retry, &testing::context(4_000))
    else {
        panic!("expected messages");
    };
    let message = &processed[0].message;
    assert_eq!(message.event_id, "Ev123ABC456");
    assert!(
        message
            .attributes
            .iter()
            .any(|a| a.key == "slack.retry-num" && a.value == "2")
    );
}

#[test]
fn suggestions_fit_slack() {
    let _host = FakeHost::new().install();
    let message = messages("message-channel.json").remove(0).message;
    let mut triage = Chat::triage(message.clone(), testing::context(4_000)).expect("triage");
    triage.route = Route::TakePrivate;
    let suggestions = Chat::suggest(message, triage, testing::context(4_000)).expect("suggest");
    assert!(!suggestions.is_empty());
    for suggestion in suggestions {
        assert!(suggestion.text.chars().count() <= chat::MAX_REPLY_CHARS as usize);
        assert!(
            !suggestion.text.contains('<'),
            "mrkdwn-escaped: {}",
            suggestion.text
        );
    }
}
