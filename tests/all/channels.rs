//! Channel rules the host keeps for every plugin, through the real server:
//! no message without a real author, the app's own messages and edits or
//! deletions of unknown messages open no conversation, one platform message
//! is stored once, and email webhooks prove who sent them.

use std::path::Path;

use chorus_e2e::{
    ADMIN_KEY, BRANDS, Reply, SLACK_SECRET, Server, bearer, fixture, http, slack_headers,
    target_dir, unix_now, write_server_config,
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

fn conversations(server: &Server, brand: &str) -> Vec<Value> {
    let key = BRANDS
        .iter()
        .find(|(b, _)| *b == brand)
        .map(|(_, k)| *k)
        .expect("a test brand");
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

/// Starts a server with one brand, `lab`, whose channel `hostile` runs the
/// hostile test guest.
fn hostile_server(dir: &Path) -> Server {
    std::fs::write(dir.join("key"), "lab-key").expect("key");
    std::fs::write(dir.join("admin-key"), ADMIN_KEY).expect("admin key");
    std::fs::write(
        dir.join("chorus.toml"),
        format!(
            "listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\nadmin_key = {{ file = \"admin-key\" }}\n[limits]\nplugin_deadline_ms = 2000\n[[brands]]\nid = \"lab\"\nname = \"Lab\"\napi_keys = [{{ file = \"key\" }}]\n[brands.channels.hostile]\nplugin = \"hostile\"\n",
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
