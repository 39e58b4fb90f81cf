//! Channel rules the host keeps for every plugin, through the real server:
//! no message without a real author, the app's own messages and edits or
//! deletions of unknown messages open no conversation, one platform message
//! is stored once, and email webhooks prove who sent them.

use std::path::Path;
use std::time::{Duration, Instant};

use chorus_e2e::{
    ADMIN_KEY, BRANDS, EMAIL_TOKEN, MAILGUN_KEY, Reply, SLACK_SECRET, Server, bearer,
    cache_dir_line, fixture, http, slack_headers, target_dir, unix_now, write_server_config,
    x_headers,
};
use serde_json::Value;

/// The test brands' Slack bot user, as an operator configures it: not the
/// bot user of the app in the hand-written fixtures (`U0CHORUSAPP`).
const CONFIGURED_BOT_USER: &str = "U0ACMEBOT";

/// Starts the test config's server with `bot-user-id` configured on every
/// Slack channel, as a real deployment has it.
fn server() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_server_config(dir.path());
    let path = dir.path().join("chorus.toml");
    let config = std::fs::read_to_string(&path).expect("config");
    let config = config.replace(
        "plugin = \"chat\"\n",
        &format!("plugin = \"chat\"\nconfig = {{ bot-user-id = \"{CONFIGURED_BOT_USER}\" }}\n"),
    );
    std::fs::write(&path, config).expect("config");
    let server = Server::start(dir.path());
    (dir, server)
}

fn post_slack(server: &Server, brand: &str, name: &str) -> Reply {
    let body = std::fs::read(fixture(&format!("slack/{name}"))).expect("fixture");
    let headers = slack_headers(&body, SLACK_SECRET, unix_now());
    let url = server.url(&format!("/v1/brands/{brand}/channels/slack/events"));
    let reply = http("POST", &url, &headers, Some(&body));
    assert!(reply.status < 300, "{name}: {}", reply.body);
    reply
}

/// The API key of test brand `brand`.
fn api_key(brand: &str) -> &'static str {
    BRANDS
        .iter()
        .find(|(b, _)| *b == brand)
        .map(|(_, k)| *k)
        .expect("a test brand")
}

fn conversations(server: &Server, brand: &str) -> Vec<Value> {
    let key = api_key(brand);
    let reply = http(
        "GET",
        &server.url(&format!("/v1/brands/{brand}/conversations")),
        &bearer(key),
        None,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json["conversations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The brand's only conversation, once its messages are all triaged.
fn the_conversation(server: &Server, brand: &str) -> Value {
    let key = api_key(brand);
    let list = conversations(server, brand);
    assert_eq!(list.len(), 1, "{list:?}");
    let id = list[0]["id"].as_i64().expect("id");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let reply = http(
            "GET",
            &server.url(&format!("/v1/brands/{brand}/conversations/{id}")),
            &bearer(key),
            None,
        );
        let done = reply.json["messages"]
            .as_array()
            .is_some_and(|m| m.iter().all(|m| m["status"] != "pending"));
        if done {
            return reply.json;
        }
        assert!(Instant::now() < deadline, "{}", reply.body);
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts a server with one brand, `lab`, whose channel `hostile` runs the
/// hostile test guest.
fn hostile_server(dir: &Path) -> Server {
    std::fs::write(dir.join("key"), "lab-key").expect("key");
    std::fs::write(dir.join("admin-key"), ADMIN_KEY).expect("admin key");
    std::fs::write(
        dir.join("chorus.toml"),
        format!(
            "{}listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\nadmin_key = {{ file = \"admin-key\" }}\n[limits]\nplugin_deadline_ms = 2000\n[[brands]]\nid = \"lab\"\nname = \"Lab\"\napi_keys = [{{ file = \"key\" }}]\n[brands.channels.hostile]\nplugin = \"hostile\"\n",
            cache_dir_line(),
            target_dir().join("test-guests").display(),
        ),
    )
    .expect("config");
    Server::start(dir)
}

/// `(ledger entries, messages)` from `/readyz`.
fn counts(server: &Server) -> (i64, i64) {
    let reply = http("GET", &server.url("/readyz"), &[], None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    (
        reply.json["ledger"].as_i64().unwrap_or(-1),
        reply.json["messages"].as_i64().unwrap_or(-1),
    )
}

fn dead_letters(server: &Server) -> Reply {
    let reply = http(
        "GET",
        &server.url("/v1/admin/dead-letters"),
        &bearer(ADMIN_KEY),
        None,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply
}

#[test]
fn a_message_without_a_real_author_is_refused_and_dead_lettered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = hostile_server(dir.path());
    let reply = http(
        "POST",
        &server.url("/v1/brands/lab/channels/hostile/events"),
        &[("content-type".into(), "text/plain".into())],
        Some(b"anonymous"),
    );
    assert_eq!(reply.json["error"]["code"], "bad-output", "{}", reply.body);
    assert_eq!(counts(&server), (1, 0), "the raw event kept, no message");
    let letters = dead_letters(&server);
    let letter = &letters.json["dead_letters"][0];
    assert_eq!(letter["kind"], "bad-output", "{}", letters.body);
    assert!(
        letter["reason"]
            .as_str()
            .is_some_and(|r| r.contains("message 2 has an empty author id")),
        "{}",
        letters.body
    );
}

#[test]
fn the_apps_own_messages_never_reach_the_inbox() {
    let (_dir, server) = server();
    for name in [
        "message-by-own-bot-user.json",
        "socket-mode-app-mention-by-own-bot.json",
    ] {
        let reply = post_slack(&server, "acme", name);
        assert_eq!(reply.json["status"], "ignored", "{name}: {}", reply.body);
        assert!(
            reply.json["reason"]
                .as_str()
                .is_some_and(|r| r.contains("own bot user U0CHORUSAPP")),
            "{name}: {}",
            reply.body
        );
    }
    assert!(conversations(&server, "acme").is_empty());
    assert_eq!(counts(&server), (2, 0), "kept in the ledger, not stored");
}

#[test]
fn deletions_of_unknown_messages_open_no_conversation() {
    let (_dir, server) = server();
    let reply = post_slack(&server, "acme", "message-deleted.json");
    assert_eq!(reply.json["status"], "ignored", "{}", reply.body);
    assert!(
        reply.json["reason"]
            .as_str()
            .is_some_and(|r| r.contains("never stored")),
        "{}",
        reply.body
    );
    let body = std::fs::read(fixture("twitter/aaa-tweet-delete.json")).expect("fixture");
    let url = server.url("/v1/brands/acme/channels/x/events");
    let reply = http("POST", &url, &x_headers(&body), Some(&body));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json["status"], "ignored", "{}", reply.body);
    assert!(conversations(&server, "acme").is_empty());
    assert_eq!(counts(&server), (2, 0));
}

#[test]
fn edits_and_deletions_of_a_stored_message_join_its_conversation() {
    let (_dir, server) = server();
    post_slack(&server, "acme", "message-deleted-with-previous.json");
    // The original of the hand-written edit, then the edit, then a deletion
    // of the same message.
    let original = std::fs::read_to_string(fixture("slack/mention-delivered-as-message.json"))
        .expect("fixture")
        .replace("1717502233.118209", "1717430480.219309")
        .replace("U0RAVI456", "U0DANA123");
    let headers = slack_headers(original.as_bytes(), SLACK_SECRET, unix_now());
    let url = server.url("/v1/brands/acme/channels/slack/events");
    let reply = http("POST", &url, &headers, Some(original.as_bytes()));
    assert_eq!(reply.json["new"], 1, "{}", reply.body);
    let reply = post_slack(&server, "acme", "message-changed-without-ts.json");
    assert_eq!(reply.json["new"], 1, "the edit applies: {}", reply.body);
    let conversation = the_conversation(&server, "acme");
    let kinds: Vec<&str> = conversation["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter_map(|m| m["message"]["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["original", "edit"], "{conversation}");
}

#[test]
fn one_mention_delivered_twice_is_one_message_with_one_set_of_suggestions() {
    let (_dir, server) = server();
    let first = post_slack(&server, "acme", "mention-delivered-as-message.json");
    assert_eq!(first.json["new"], 1, "{}", first.body);
    let second = post_slack(&server, "acme", "mention-delivered-as-app-mention.json");
    assert_eq!(second.json["status"], "accepted", "{}", second.body);
    assert_eq!(second.json["new"], 0, "{}", second.body);
    assert!(
        second.json["detail"]
            .as_str()
            .is_some_and(|d| d.contains("duplicate")),
        "{}",
        second.body
    );
    let conversation = the_conversation(&server, "acme");
    let messages = conversation["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 1, "{conversation}");
    assert!(
        !messages[0]["suggestions"]
            .as_array()
            .expect("suggestions")
            .is_empty(),
        "{conversation}"
    );
    assert_eq!(counts(&server), (2, 1), "both deliveries kept, one message");
    // The platform's identity is the brand's: another brand's same message is its own.
    post_slack(&server, "globex", "mention-delivered-as-app-mention.json");
    assert_eq!(counts(&server), (3, 2));
    assert_eq!(conversations(&server, "globex").len(), 1);
}

/// A Mailgun route's form: the raw message in `body-mime`, signed with `key`
/// at `timestamp`.
fn mailgun_form(key: &str, timestamp: i64, token: &str) -> (String, Vec<u8>) {
    let raw = std::fs::read(fixture("email/plain-text.eml")).expect("fixture");
    let mac = chorus_host::runtime::services::hmac_sha256(
        key.as_bytes(),
        format!("{timestamp}{token}").as_bytes(),
    );
    let signature: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    let boundary = "c0ffee0c0ffee0c0ffee";
    let mut body = Vec::new();
    for (name, value) in [
        ("timestamp", timestamp.to_string().into_bytes()),
        ("token", token.as_bytes().to_vec()),
        ("signature", signature.into_bytes()),
        ("body-mime", raw),
    ] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(&value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post_email(server: &Server, headers: &[(String, String)], body: &[u8]) -> Reply {
    let url = server.url("/v1/brands/acme/channels/email/events");
    http("POST", &url, headers, Some(body))
}

#[test]
fn email_webhooks_prove_who_sent_them() {
    let (_dir, server) = server();
    let now = unix_now();
    let refused = [
        ("forged", mailgun_form("not-the-key", now, "t-1")),
        ("stale", mailgun_form(MAILGUN_KEY, now - 600, "t-2")),
    ];
    for (what, (content_type, body)) in refused {
        let reply = post_email(&server, &[("content-type".into(), content_type)], &body);
        assert_eq!(reply.status, 401, "{what}: {}", reply.body);
        assert!(reply.json["error"]["message"].is_string(), "{}", reply.body);
    }
    // A form with no signature fields and no token: nothing proves it.
    let form = std::fs::read(fixture("email/inbound-parse-sendgrid.multipart")).expect("fixture");
    let form_type = std::fs::read_to_string(fixture("email/inbound-parse-sendgrid.content-type"))
        .expect("fixture");
    let missing = post_email(
        &server,
        &[("content-type".into(), form_type.trim().to_owned())],
        &form,
    );
    assert_eq!(missing.status, 401, "missing: {}", missing.body);
    let raw = std::fs::read(fixture("email/plain-text.eml")).expect("fixture");
    let rfc822 = ("content-type".to_owned(), "message/rfc822".to_owned());
    let unsigned = post_email(&server, std::slice::from_ref(&rfc822), &raw);
    assert_eq!(unsigned.status, 401, "missing: {}", unsigned.body);
    let wrong = post_email(
        &server,
        &[
            rfc822.clone(),
            ("authorization".into(), "Bearer guess".into()),
        ],
        &raw,
    );
    assert_eq!(wrong.status, 401, "{}", wrong.body);
    assert_eq!(
        counts(&server),
        (5, 0),
        "every attempt kept, nothing stored"
    );

    let (content_type, body) = mailgun_form(MAILGUN_KEY, now, "t-3");
    let signed = post_email(&server, &[("content-type".into(), content_type)], &body);
    assert_eq!(signed.status, 200, "{}", signed.body);
    let with_token = post_email(
        &server,
        &[
            rfc822,
            ("authorization".into(), format!("Bearer {EMAIL_TOKEN}")),
        ],
        &raw,
    );
    assert_eq!(with_token.status, 200, "{}", with_token.body);
    assert_eq!(
        counts(&server).1,
        1,
        "one email, delivered twice, stored once"
    );
}

#[test]
fn an_email_channel_without_a_way_to_verify_is_refused_at_start() {
    let stderr = chorus_e2e::refused_at_start("email", "email");
    assert!(
        stderr.contains("mailgun-signing-key")
            && stderr.contains("webhook-token")
            && stderr.contains("never runs a channel unverified"),
        "{stderr}"
    );
}
