//! X Activity API deliveries through the real `chorus serve`: a signed
//! mention reaches the inbox as X's customer wrote it, once, however often X
//! delivers it; an encrypted X Chat message is acknowledged and ignored.

use std::time::{Duration, Instant};

use chorus_e2e::{BRANDS, Server, bearer, fixture, http, start_server, x_headers};
use serde_json::Value;

fn events_url(server: &Server, brand: &str) -> String {
    server.url(&format!("/v1/brands/{brand}/channels/x/events"))
}

/// Posts `body` signed as X signs it.
fn deliver(server: &Server, body: &[u8]) -> chorus_e2e::Reply {
    let reply = http(
        "POST",
        &events_url(server, BRANDS[0].0),
        &x_headers(body),
        Some(body),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply
}

/// The brand's only conversation, once its messages are triaged.
fn only_conversation(server: &Server) -> Value {
    let (brand, key) = BRANDS[0];
    let list = http(
        "GET",
        &server.url(&format!("/v1/brands/{brand}/conversations")),
        &bearer(key),
        None,
    );
    let conversations = list.json["conversations"].as_array().expect("list");
    assert_eq!(conversations.len(), 1, "{}", list.body);
    let id = conversations[0]["id"].as_i64().expect("id");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let detail = http(
            "GET",
            &server.url(&format!("/v1/brands/{brand}/conversations/{id}")),
            &bearer(key),
            None,
        );
        assert_eq!(detail.status, 200, "{}", detail.body);
        let messages = detail.json["messages"].as_array().expect("messages");
        if messages.iter().all(|m| m["status"] != "pending") {
            return detail.json;
        }
        assert!(
            Instant::now() < deadline,
            "triage did not finish: {}",
            detail.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn message_count(server: &Server) -> i64 {
    let reply = http("GET", &server.url("/readyz"), &[], None);
    reply.json["messages"].as_i64().expect("message count")
}

#[test]
fn a_signed_x_activity_mention_reaches_the_inbox_once() {
    let (_dir, server) = start_server();
    let body = std::fs::read(fixture("twitter/xaa-post-mention-create.json")).expect("fixture");
    let first = deliver(&server, &body);
    assert_eq!(
        (first.json["status"].as_str(), first.json["new"].as_i64()),
        (Some("accepted"), Some(1))
    );

    let detail = only_conversation(&server);
    assert_eq!(detail["channel"], "x");
    let messages = detail["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 1, "{detail}");
    let message = &messages[0]["message"];
    assert_eq!(message["event_id"], "2031458827391827714");
    assert_eq!(message["visibility"], "public");
    assert_eq!(message["author"]["id"], "1402958812245917698");
    assert_eq!(message["author"]["handle"], "trailrunner_kay");
    assert_eq!(message["author"]["display_name"], "Kay Okafor 🏃🏾‍♀️");
    assert_eq!(message["thread_id"], "2031458827391827714");
    let text = message["text"].as_str().expect("text");
    assert!(
        text.starts_with("@AcmeOutdoor my Ridgeline 2 tent pole snapped"),
        "{text}"
    );
    assert!(
        text.contains("https://imgur.com/gallery/ridgeline-pole-Qx81Lm"),
        "{text}"
    );
    let labels = &messages[0]["triage"]["labels"];
    for label in ["high-reach", "mention"] {
        assert!(
            labels
                .as_array()
                .is_some_and(|l| l.iter().any(|x| x == label)),
            "{label}: {labels}"
        );
    }
    for suggestion in messages[0]["suggestions"].as_array().expect("suggestions") {
        let text = suggestion["text"].as_str().expect("text");
        assert!(text.starts_with("@trailrunner_kay "), "{text}");
        assert!(twitter::x_length(text) <= 280, "{text}");
    }

    // X redelivers the same event: once as sent, once with the event_uuid as
    // a JSON number. Both are acknowledged; neither makes a second message.
    let again = deliver(&server, &body);
    assert_eq!(again.json["new"].as_i64(), Some(0), "{}", again.body);
    let numeric = String::from_utf8(body.clone()).expect("utf-8").replace(
        r#""event_uuid": "2031458827391827714""#,
        r#""event_uuid": 2031458827391827714"#,
    );
    assert_ne!(
        numeric.as_bytes(),
        &body[..],
        "the fixture's event_uuid is a string"
    );
    assert_eq!(
        deliver(&server, numeric.as_bytes()).json["new"].as_i64(),
        Some(0)
    );
    assert_eq!(message_count(&server), 1);
    let detail = only_conversation(&server);
    assert_eq!(
        detail["messages"].as_array().map(Vec::len),
        Some(1),
        "{detail}"
    );

    // A forged signature is refused before the plugin reads anything.
    let forged = http(
        "POST",
        &events_url(&server, BRANDS[0].0),
        &x_headers(b"another body"),
        Some(&body),
    );
    assert_eq!(forged.status, 401, "{}", forged.body);
}

#[test]
fn an_encrypted_x_chat_message_is_ignored_with_what_to_do() {
    let (_dir, server) = start_server();
    let body = std::fs::read(fixture("twitter/xaa-chat-received.json")).expect("fixture");
    let reply = deliver(&server, &body);
    assert_eq!(reply.json["status"], "ignored", "{}", reply.body);
    let reason = reply.json["reason"].as_str().expect("reason");
    assert!(reason.contains("answer it in the X app"), "{reason}");
    assert_eq!(message_count(&server), 0);
}
