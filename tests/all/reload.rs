//! Hot reload on the real server: plugins are replaced while webhooks keep
//! arriving, through the admin route (from the file, or an upload) and the
//! file watch; broken versions are refused while the old one serves.

use std::path::Path;
use std::time::{Duration, Instant};

use chorus_e2e::{
    ADMIN_KEY, SLACK_SECRET, Server, bearer, http, slack_headers, slack_message, target_dir,
    test_guest, unix_now,
};

const SENDERS: usize = 3;
const EVENTS_EACH: usize = 20;

/// A server whose brand `acme` has one Slack channel, running `chat` from a
/// plugins folder of the test's own, with the file watch on.
fn start(dir: &Path, extra: &str) -> Server {
    let plugins = dir.join("plugins");
    std::fs::create_dir_all(&plugins).expect("plugins dir");
    std::fs::copy(
        target_dir().join("plugins/chat.wasm"),
        plugins.join("chat.wasm"),
    )
    .expect("copy chat.wasm");
    for (file, value) in [
        ("slack-secret", SLACK_SECRET),
        ("admin-key", ADMIN_KEY),
        ("acme-key", "acme-test-key"),
    ] {
        std::fs::write(dir.join(file), value).expect("write");
    }
    std::fs::write(
        dir.join("chorus.toml"),
        format!(
            r#"listen = "127.0.0.1:0"
data_dir = "data"
plugins_dir = "plugins"
admin_key = {{ file = "admin-key" }}
watch_plugins = true
{extra}
[limits]
plugin_deadline_ms = 2000
[[brands]]
id = "acme"
name = "Acme"
api_keys = [{{ file = "acme-key" }}]
[brands.channels.slack]
plugin = "chat"
secrets = {{ slack-signing-secret = {{ file = "slack-secret" }} }}
"#
        ),
    )
    .expect("config");
    Server::start(dir)
}

fn reload(server: &Server, body: Option<&[u8]>) -> chorus_e2e::Reply {
    http(
        "POST",
        &server.url("/v1/admin/reload/chat"),
        &bearer(ADMIN_KEY),
        body,
    )
}

/// `component` with a custom section appended: the same plugin, as another
/// build would be, with another SHA-256.
fn rebuilt(component: &[u8], build: usize) -> Vec<u8> {
    let mut bytes = component.to_vec();
    // Section id 0 (custom), size 6: name length 4, "note", one byte.
    bytes.extend_from_slice(&[0, 6, 4, b'n', b'o', b't', b'e', build as u8]);
    bytes
}

fn reloads_logged(server: &Server, what: &str) -> usize {
    server
        .logs()
        .iter()
        .filter(|line| line.contains(what))
        .count()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn plugins_reload_under_load_without_losing_or_repeating_an_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(dir.path(), "");
    let file = dir.path().join("plugins/chat.wasm");
    let chat = std::fs::read(&file).expect("chat.wasm");
    let foreign = std::fs::read(test_guest("other-world")).expect("other-world.wasm");

    let statuses = std::thread::scope(|scope| {
        let senders: Vec<_> = (0..SENDERS)
            .map(|sender| {
                let server = &server;
                scope.spawn(move || {
                    (0..EVENTS_EACH)
                        .map(|i| {
                            let body = slack_message(
                                &format!("EvRELOAD{sender}x{i}"),
                                &format!("U{sender}X{i}"),
                                &format!("1700000{sender:03}.{i:06}"),
                                "my order never arrived, can you help?",
                            );
                            let headers = slack_headers(&body, SLACK_SECRET, unix_now());
                            let url = server.url("/v1/brands/acme/channels/slack/events");
                            http("POST", &url, &headers, Some(&body)).status
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();

        for round in 0..3 {
            // From the file: the same component, now from the compiled cache.
            let from_file = reload(&server, None);
            assert_eq!(from_file.status, 200, "{}", from_file.body);
            assert_eq!(from_file.json["channels"][0], "acme/slack");
            assert_eq!(from_file.json["from_cache"], true, "{}", from_file.body);
            assert!(from_file.json["load_ms"].as_f64().is_some());

            // An upload of another world is refused; the file is untouched.
            let before = std::fs::read(&file).expect("chat.wasm");
            let refused = reload(&server, Some(&foreign));
            assert_eq!(refused.status, 422, "{}", refused.body);
            assert_eq!(refused.json["error"]["code"], "plugin-refused");
            assert!(
                refused.body.contains("keeps serving"),
                "says the old version serves: {}",
                refused.body
            );
            assert_eq!(std::fs::read(&file).expect("chat.wasm"), before);

            // Bytes that are no component at all are refused as well.
            let garbage = reload(&server, Some(b"\0asm not really"));
            assert_eq!(garbage.status, 422, "{}", garbage.body);

            // An upload of a good component is taken and written.
            let uploaded = reload(&server, Some(&chat));
            assert_eq!(uploaded.status, 200, "{}", uploaded.body);
            assert_eq!(uploaded.json["plugin"], "chat");

            // The file watch: a broken file is refused once and logged; a
            // new good one (another build: another hash) is reloaded.
            // Counted from what the server must have logged by now (two
            // reloads and two refusals in this round, three of each in every
            // earlier one), not from what has reached the test: a line can
            // arrive after its response, and an early count would take that
            // late line for the watch's reload.
            let (refusals, reloads) = (3 * round + 2, 3 * round + 2);
            std::fs::write(&file, &foreign).expect("write the broken file");
            wait_for(
                &format!("the watch to refuse the broken file (round {round})"),
                || reloads_logged(&server, "not reloaded") > refusals,
            );
            std::fs::write(&file, rebuilt(&chat, round)).expect("write a new build");
            wait_for(
                &format!("the watch to reload the new build (round {round})"),
                || reloads_logged(&server, "plugin reloaded") > reloads,
            );
        }
        senders
            .into_iter()
            .flat_map(|s| s.join().expect("sender"))
            .collect::<Vec<_>>()
    });

    let total = SENDERS * EVENTS_EACH;
    assert_eq!(statuses.len(), total);
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every event acknowledged: {statuses:?}"
    );
    let ready = http("GET", &server.url("/readyz"), &[], None);
    assert_eq!(ready.json["ledger"], total, "{}", ready.body);
    assert_eq!(
        ready.json["messages"], total,
        "one message per event: {}",
        ready.body
    );
    let dead = http(
        "GET",
        &server.url("/v1/admin/dead-letters"),
        &bearer(ADMIN_KEY),
        None,
    );
    assert_eq!(
        dead.json["dead_letters"],
        serde_json::json!([]),
        "{}",
        dead.body
    );
    wait_for("every message to be triaged", || {
        let inbox = http(
            "GET",
            &server.url("/v1/brands/acme/conversations"),
            &bearer("acme-test-key"),
            None,
        );
        inbox.json["conversations"]
            .as_array()
            .is_some_and(|c| c.len() == total && c.iter().all(|c| !c["priority"].is_null()))
    });
}

#[test]
fn a_pinned_plugin_loads_only_with_its_sha256() {
    let dir = tempfile::tempdir().expect("tempdir");
    let chat = std::fs::read(target_dir().join("plugins/chat.wasm")).expect("chat.wasm");
    let pin: String = chorus_host::brand::sha256(&chat)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let server = start(dir.path(), &format!("[plugin_pins]\nchat = \"{pin}\""));
    let same = reload(&server, Some(&chat));
    assert_eq!(same.status, 200, "{}", same.body);
    assert_eq!(same.json["sha256"], pin);
    let refused = reload(&server, Some(&rebuilt(&chat, 0)));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("pinned"), "{}", refused.body);
}
