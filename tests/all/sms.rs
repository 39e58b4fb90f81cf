//! The Python SMS plugin through the real server, as the Rust plugins are
//! tested: a signed Twilio webhook reaches the inbox, a forged one gets a
//! JSON 401 and is kept, and Twilio's own keywords open no conversation.
//! Skipped (loudly) where `cargo xtask build` could not build the plugin;
//! `CHORUS_REQUIRE_PYTHON=1` fails instead.

use std::time::{Duration, Instant};

use chorus_e2e::{Server, bearer, cache_dir_line, fixture, http, target_dir};
use serde_json::Value;

const KEY: &str = "sms-brand-key";

/// One fixture of `tests/fixtures/sms`: its body and its sidecar.
struct Webhook {
    body: Vec<u8>,
    sidecar: toml::Table,
}

impl Webhook {
    fn read(name: &str) -> Self {
        let body = std::fs::read(fixture(&format!("sms/{name}.form"))).expect("body");
        let sidecar = std::fs::read_to_string(fixture(&format!("sms/{name}.request.toml")))
            .expect("sidecar")
            .parse::<toml::Table>()
            .expect("TOML");
        Self { body, sidecar }
    }

    fn value(&self, table: &str, key: &str) -> Option<String> {
        self.sidecar
            .get(table)
            .and_then(|t| t.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    }

    /// Posts it as Twilio would, with its signature header if it has one.
    fn post(&self, server: &Server) -> chorus_e2e::Reply {
        let mut headers = vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )];
        if let Some(signature) = self.value("headers", "X-Twilio-Signature") {
            headers.push(("X-Twilio-Signature".to_owned(), signature));
        }
        let url = server.url("/v1/brands/example/channels/sms/events");
        http("POST", &url, &headers, Some(&self.body))
    }
}

/// A server with one brand, `example`, whose `sms` channel runs the Python
/// plugin, configured with the fixtures' webhook URL and auth token.
fn server() -> Option<(tempfile::TempDir, Server)> {
    chorus_e2e::python_plugin("sms")?;
    let webhook = Webhook::read("delivery-question");
    let token = webhook
        .value("secrets", "twilio-auth-token")
        .expect("token");
    let url = webhook.value("config", "webhook-url").expect("url");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("key"), KEY).expect("key");
    std::fs::write(dir.path().join("twilio-token"), token).expect("token");
    std::fs::write(
        dir.path().join("chorus.toml"),
        format!(
            "{}listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\n[limits]\nplugin_deadline_ms = 2000\n[[brands]]\nid = \"example\"\nname = \"Example\"\napi_keys = [{{ file = \"key\" }}]\n[brands.channels.sms]\nplugin = \"sms\"\nconfig = {{ webhook-url = \"{url}\" }}\nsecrets = {{ twilio-auth-token = {{ file = \"twilio-token\" }} }}\n",
            cache_dir_line(),
            target_dir().join("plugins").display(),
        ),
    )
    .expect("config");
    let server = Server::start(dir.path());
    Some((dir, server))
}

/// The brand's conversations, once there is one.
fn conversations(server: &Server) -> Vec<Value> {
    poll(server, "/v1/brands/example/conversations", |reply| {
        reply["conversations"]
            .as_array()
            .is_some_and(|list| !list.is_empty())
    })["conversations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// GETs `path` with the brand's key until `done` holds for the answer.
fn poll(server: &Server, path: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let reply = http("GET", &server.url(path), &bearer(KEY), None);
        assert_eq!(reply.status, 200, "{}", reply.body);
        if done(&reply.json) {
            return reply.json;
        }
        assert!(Instant::now() < deadline, "{}", reply.body);
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_signed_twilio_text_reaches_the_inbox_and_a_forged_one_is_refused() {
    let Some((_dir, server)) = server() else {
        return;
    };
    let forged = Webhook::read("forged-signature").post(&server);
    assert_eq!(forged.status, 401, "{}", forged.body);
    assert_eq!(
        forged.json["error"]["code"], "unauthorized",
        "{}",
        forged.body
    );
    let stop = Webhook::read("stop-keyword").post(&server);
    assert_eq!(stop.status, 200, "{}", stop.body);
    let text = Webhook::read("delivery-question").post(&server);
    assert_eq!(text.status, 200, "{}", text.body);
    let list = conversations(&server);
    assert_eq!(list.len(), 1, "only the signed text opens one: {list:?}");
    let id = list[0]["id"].as_i64().expect("id");
    let detail = poll(
        &server,
        &format!("/v1/brands/example/conversations/{id}"),
        |detail| {
            detail["messages"]
                .as_array()
                .is_some_and(|m| m.iter().all(|m| m["status"] != "pending"))
        },
    );
    assert_eq!(detail["channel"], "sms", "{detail}");
    let message = &detail["messages"][0];
    assert!(
        message["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("order #A1234")),
        "{detail}"
    );
    assert_eq!(
        message["message"]["author"]["id"], "+14155551234",
        "{detail}"
    );
    assert_eq!(message["triage"]["intent"], "general", "{detail}");
    // The forged request is kept with its refusal, not lost.
    let ready = http("GET", &server.url("/readyz"), &[], None);
    assert!(
        ready.json["ledger"].as_i64().unwrap_or(0) >= 3,
        "{}",
        ready.body
    );
}
