//! Channel rules the host keeps for every plugin, through the real server:
//! no message without a real author, the app's own messages and edits or
//! deletions of unknown messages open no conversation, one platform message
//! is stored once, and email webhooks prove who sent them.

use std::path::Path;

use chorus_e2e::{ADMIN_KEY, Reply, Server, bearer, http, target_dir};

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
