//! A hostile plugin against the real server: what it answers can never take
//! over the host's HTTP framing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use chorus_e2e::{
    ADMIN_KEY, BRANDS, SLACK_SECRET, Server, X_SECRET, bearer, http, slack_headers, slack_message,
    start_hostile_server, start_server, target_dir, unix_now,
};

/// One HTTP/1.1 response read off a keep-alive connection, framed by its
/// `Content-Length` exactly as a proxy reusing the connection would.
struct Framed {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

fn read_response(reader: &mut BufReader<TcpStream>) -> Framed {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("header line");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("name: value");
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().expect("numeric content-length"));
    assert!(
        !headers.iter().any(|(n, _)| n == "transfer-encoding"),
        "{headers:?}"
    );
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    Framed {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn post(stream: &mut TcpStream, path: &str, body: &str) {
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nhost: chorus\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("write request");
}

/// Asserts that the server's `/metrics` holds `series` (name, labels, value).
fn assert_metric(server: &Server, series: &str) {
    let metrics = http("GET", &server.url("/metrics"), &[], None);
    assert!(
        metrics.body.contains(series),
        "{series} in {}",
        metrics.body
    );
}

#[test]
fn plugin_handshakes_cannot_smuggle_responses_on_a_keep_alive_connection() {
    let (_dir, server) = start_hostile_server();
    let address = server.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let events = "/v1/brands/lab/channels/hostile/events";

    for attack in ["respond:smuggle", "respond:chunked"] {
        post(&mut stream, events, attack);
        let answer = read_response(&mut reader);
        assert_eq!(answer.status, 200, "{attack}");
        // The forged response is the body, framed by the host's own length.
        assert!(answer.body.starts_with("HTTP/1.1 200 OK"), "{attack}");
        assert!(
            answer.headers.iter().all(|(n, _)| n != "connection"),
            "{attack}: {:?}",
            answer.headers
        );
        // The next answer on the same connection is the server's, not the
        // plugin's forgery.
        write!(stream, "GET /healthz HTTP/1.1\r\nhost: chorus\r\n\r\n").expect("write");
        let next = read_response(&mut reader);
        assert_eq!(next.status, 200, "{attack}");
        assert_ne!(
            next.body, "forged",
            "{attack}: the plugin forged a response"
        );
    }

    // A status outside 200-599 is the plugin's bad output: acknowledged as a
    // dead letter, never sent on.
    post(&mut stream, events, "respond:999");
    let answer = read_response(&mut reader);
    assert_eq!(answer.status, 202, "{}", answer.body);
    assert!(answer.body.contains("outside 200-599"), "{}", answer.body);
}

#[test]
fn plugin_log_text_cannot_forge_a_host_line_and_is_tagged() {
    let (_dir, server) = start_hostile_server();
    let reply = http(
        "POST",
        &server.url("/v1/brands/lab/channels/hostile/events"),
        &[("content-type".into(), "text/plain".into())],
        Some(b"log-forge"),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let deadline = Instant::now() + Duration::from_secs(20);
    let forged: Vec<String> = loop {
        let lines: Vec<String> = server
            .logs()
            .into_iter()
            .filter(|l| l.contains("FORGED-BY-PLUGIN"))
            .collect();
        // Once from `host.log` during listen, once from its stdout.
        if lines.len() >= 2 {
            break lines;
        }
        assert!(Instant::now() < deadline, "{:#?}", server.logs());
        std::thread::sleep(Duration::from_millis(50));
    };
    // The newline inside `host.log` text is escaped, not a line break.
    assert!(
        forged.iter().any(|l| l.contains("\\n2026-12-02T10:00:00")),
        "{forged:#?}"
    );
    for line in &forged {
        assert!(!line.starts_with("2026-12-02T10:00:00"), "{line}");
        assert!(
            line.contains("plugin=\"hostile\"") || line.contains("plugin=hostile"),
            "{line}"
        );
        assert!(line.contains("brand=lab"), "{line}");
        assert!(line.contains("ledger_id="), "{line}");
    }
}

#[test]
fn a_plugin_that_fails_to_load_disables_its_channel_not_the_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path();
    for (file, key) in [
        ("lab-key", "lab-key"),
        ("calm-key", "calm-key"),
        ("admin-key", "admin-key"),
    ] {
        std::fs::write(path.join(file), key).expect("key");
    }
    std::fs::write(
        path.join("chorus.toml"),
        format!(
            r#"listen = "127.0.0.1:0"
data_dir = "data"
plugins_dir = "{}"
admin_key = {{ file = "admin-key" }}
[[brands]]
id = "lab"
name = "Lab"
api_keys = [{{ file = "lab-key" }}]
[brands.channels.broken]
plugin = "bad-init-panic"
[brands.channels.hostile]
plugin = "hostile"
[[brands]]
id = "calm"
name = "Calm"
api_keys = [{{ file = "calm-key" }}]
[brands.channels.hostile]
plugin = "hostile"
"#,
            target_dir().join("test-guests").display()
        ),
    )
    .expect("config");
    let server = Server::start(path);

    let ready = http("GET", &server.url("/readyz"), &[], None);
    assert_eq!(ready.status, 200, "{}", ready.body);
    assert_eq!(ready.json["status"], "degraded", "{}", ready.body);
    let disabled = &ready.json["disabled_channels"][0];
    assert_eq!(disabled["brand"], "lab");
    assert_eq!(disabled["channel"], "broken");
    assert!(
        disabled["reason"]
            .as_str()
            .is_some_and(|r| r.contains("init panicked: ")),
        "{disabled}"
    );
    assert_metric(
        &server,
        r#"chorus_channels_disabled{brand="lab",channel="broken"} 1"#,
    );

    // The disabled channel's events are kept as dead letters.
    let text = [("content-type".to_owned(), "text/plain".to_owned())];
    let refused = http(
        "POST",
        &server.url("/v1/brands/lab/channels/broken/events"),
        &text,
        Some(b"hello"),
    );
    assert_eq!(refused.status, 202, "{}", refused.body);
    assert_eq!(
        refused.json["error"]["code"], "channel-disabled",
        "{}",
        refused.body
    );
    let letters = http(
        "GET",
        &server.url("/v1/admin/dead-letters"),
        &bearer("admin-key"),
        None,
    );
    assert!(
        letters.body.contains("channel-disabled"),
        "{}",
        letters.body
    );

    // The same brand's other channel, and the other brand, serve.
    for brand in ["lab", "calm"] {
        let ok = http(
            "POST",
            &server.url(&format!("/v1/brands/{brand}/channels/hostile/events")),
            &text,
            Some(b"hello"),
        );
        assert_eq!(ok.status, 200, "{brand}: {}", ok.body);
    }
}

#[test]
fn configured_secrets_never_appear_in_the_logs() {
    let (_dir, server) = start_server();
    let url = server.url("/v1/brands/acme/channels/slack/events");
    let body = slack_message(
        "EvSECRETS1",
        "U0CUSTOMER",
        "1700000000.000100",
        "my order never came",
    );
    let signed = slack_headers(&body, SLACK_SECRET, unix_now());
    assert_eq!(http("POST", &url, &signed, Some(&body)).status, 200);
    // A forged signature, a stale one, and malformed JSON: the paths that
    // log the most.
    let forged = slack_headers(&body, "not-the-secret", unix_now());
    assert_eq!(http("POST", &url, &forged, Some(&body)).status, 401);
    let stale = slack_headers(&body, SLACK_SECRET, unix_now() - 3_600);
    assert_eq!(http("POST", &url, &stale, Some(&body)).status, 401);
    let junk = b"{not json";
    let _ = http(
        "POST",
        &url,
        &slack_headers(junk, SLACK_SECRET, unix_now()),
        Some(junk),
    );
    let x = server.url("/v1/brands/acme/channels/x/events?crc_token=abc");
    assert_eq!(http("GET", &x, &[], None).status, 200);
    // Let the worker triage and suggest, logging as it goes.
    std::thread::sleep(Duration::from_secs(2));
    let logs = server.logs();
    assert!(!logs.is_empty(), "the server logged nothing to check");
    for secret in [SLACK_SECRET, X_SECRET, ADMIN_KEY, BRANDS[0].1, BRANDS[1].1] {
        for line in &logs {
            assert!(!line.contains(secret), "a secret in the log: {line}");
        }
    }
}

#[test]
fn a_failing_plugin_is_quarantined_until_a_probe_or_an_admin_reset() {
    let (_dir, server) = start_hostile_server();
    let events = server.url("/v1/brands/lab/channels/hostile/events");
    let text = [("content-type".to_owned(), "text/plain".to_owned())];
    for _ in 0..5 {
        let trapped = http("POST", &events, &text, Some(b"panic"));
        assert_eq!(trapped.status, 202, "{}", trapped.body);
        assert_eq!(trapped.json["error"]["code"], "trap", "{}", trapped.body);
    }
    // Quarantined: a healthy event is kept as a dead letter, not run.
    let held = http("POST", &events, &text, Some(b"hello"));
    assert_eq!(held.status, 202, "{}", held.body);
    assert!(
        held.body.contains("quarantined after 5 failures"),
        "{}",
        held.body
    );
    let admin = bearer(ADMIN_KEY);
    let letters = http("GET", &server.url("/v1/admin/dead-letters"), &admin, None);
    assert!(letters.body.contains("\"quarantined\""), "{}", letters.body);
    let plugins = http("GET", &server.url("/v1/admin/plugins"), &admin, None);
    assert_eq!(plugins.status, 200, "{}", plugins.body);
    assert_eq!(
        plugins.json["plugins"][0]["breaker"], "open",
        "{}",
        plugins.body
    );
    assert_metric(
        &server,
        r#"chorus_plugin_quarantined{brand="lab",channel="hostile"} 1"#,
    );
    // An admin resets it; service resumes.
    let reset = http(
        "POST",
        &server.url("/v1/admin/plugins/lab/hostile/reset"),
        &admin,
        None,
    );
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert_eq!(reset.json["breaker"], "closed");
    let served = http("POST", &events, &text, Some(b"hello"));
    assert_eq!(served.status, 200, "{}", served.body);
}
