//! `chorus serve` end to end: the real binary on a random port, real Slack
//! fixtures signed as Slack signs them. Every test that stores anything
//! runs twice, on SQLite (`server::sqlite::…`) and on PostgreSQL
//! (`server::postgres::…`, skipped loudly when no server answers unless
//! `CHORUS_REQUIRE_POSTGRES=1`).

use std::time::{Duration, Instant};

use chorus_e2e::{
    ADMIN_KEY, BRANDS, Backend, EMAIL_TOKEN, SLACK_SECRET, Server, Storage, bearer, fixture, http,
    slack_headers, slack_message, start_server_on as start, unix_now, write_server_config_on,
};
use serde_json::Value;

fn events_url(server: &Server, brand: &str) -> String {
    server.url(&format!("/v1/brands/{brand}/channels/slack/events"))
}

fn post_signed(
    server: &Server,
    brand: &str,
    body: &[u8],
    extra: &[(&str, &str)],
) -> chorus_e2e::Reply {
    let mut headers = slack_headers(body, SLACK_SECRET, unix_now());
    headers.extend(
        extra
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    http("POST", &events_url(server, brand), &headers, Some(body))
}

fn inbox(server: &Server, brand: &str, key: &str) -> chorus_e2e::Reply {
    http(
        "GET",
        &server.url(&format!("/v1/brands/{brand}/conversations")),
        &bearer(key),
        None,
    )
}

fn readyz(server: &Server) -> (i64, i64) {
    let reply = http("GET", &server.url("/readyz"), &[], None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    (
        reply.json["ledger"].as_i64().unwrap_or(-1),
        reply.json["messages"].as_i64().unwrap_or(-1),
    )
}

/// Waits until the conversation's messages are all triaged.
fn triaged_conversation(server: &Server, brand: &str, key: &str, id: i64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let reply = http(
            "GET",
            &server.url(&format!("/v1/brands/{brand}/conversations/{id}")),
            &bearer(key),
            None,
        );
        assert_eq!(reply.status, 200, "{}", reply.body);
        let done = reply.json["messages"]
            .as_array()
            .is_some_and(|m| m.iter().all(|m| m["status"] != "pending"));
        if done {
            return reply.json;
        }
        assert!(
            Instant::now() < deadline,
            "triage did not finish: {}",
            reply.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn a_signed_slack_message_reaches_the_inbox_with_triage_and_suggestions(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let (brand, key) = BRANDS[0];
    let body = std::fs::read(fixture("slack/message-im.json")).expect("fixture");
    let reply = post_signed(&server, brand, &body, &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json["status"], "accepted");

    let list = inbox(&server, brand, key);
    assert_eq!(list.status, 200, "{}", list.body);
    let id = list.json["conversations"][0]["id"]
        .as_i64()
        .expect("a conversation");
    let detail = triaged_conversation(&server, brand, key, id);
    let message = &detail["messages"][0];
    assert_eq!(message["message"]["text"], "Hello hello can you hear me?");
    assert!(
        !message["triage"]["reasons"]
            .as_array()
            .expect("reasons")
            .is_empty()
    );
    let suggestion = &message["suggestions"][0];
    assert!(suggestion["text"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(
        detail["first_response_due"].as_i64().is_some(),
        "SLA due time set: {detail}"
    );

    // Feedback and resolve.
    let suggestion_id = suggestion["id"].as_i64().expect("suggestion id");
    let feedback = http(
        "POST",
        &server.url(&format!(
            "/v1/brands/{brand}/suggestions/{suggestion_id}/feedback"
        )),
        &[
            bearer(key),
            vec![("content-type".into(), "application/json".into())],
        ]
        .concat(),
        Some(br#"{"verdict":"edited","final_text":"Loud and clear!"}"#),
    );
    assert_eq!(feedback.status, 200, "{}", feedback.body);
    let resolve = http(
        "POST",
        &server.url(&format!("/v1/brands/{brand}/conversations/{id}/resolve")),
        &bearer(key),
        None,
    );
    assert_eq!(resolve.status, 200, "{}", resolve.body);
    let detail = triaged_conversation(&server, brand, key, id);
    assert_eq!(detail["status"], "resolved");
    assert_eq!(
        detail["messages"][0]["suggestions"][0]["feedback"]["final_text"],
        "Loud and clear!"
    );
}

fn the_url_verification_handshake_is_answered(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let body = std::fs::read(fixture("slack/url-verification.json")).expect("fixture");
    let reply = post_signed(&server, BRANDS[0].0, &body, &[]);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.json["challenge"],
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
}

fn three_deliveries_of_one_event_make_one_message(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let body = std::fs::read(fixture("slack/message-channel.json")).expect("fixture");
    for retry in ["", "1", "2"] {
        let extra: Vec<(&str, &str)> = if retry.is_empty() {
            vec![]
        } else {
            vec![
                ("x-slack-retry-num", retry),
                ("x-slack-retry-reason", "http_timeout"),
            ]
        };
        let reply = post_signed(&server, BRANDS[0].0, &body, &extra);
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    assert_eq!(readyz(&server), (3, 1), "three ledger entries, one message");
}

fn forged_and_stale_signatures_get_401_and_store_no_message(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let body = std::fs::read(fixture("slack/message-channel.json")).expect("fixture");
    let forged = slack_headers(&body, "not-the-secret", unix_now());
    let reply = http("POST", &events_url(&server, "acme"), &forged, Some(&body));
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert!(
        reply.json["error"]["message"].is_string(),
        "JSON error: {}",
        reply.body
    );
    let stale = slack_headers(&body, SLACK_SECRET, unix_now() - 600);
    let reply = http("POST", &events_url(&server, "acme"), &stale, Some(&body));
    assert_eq!(reply.status, 401, "{}", reply.body);
    let (ledger, messages) = readyz(&server);
    assert_eq!(
        (ledger, messages),
        (2, 0),
        "attempts are kept in the ledger, no message stored"
    );
    let metrics = http("GET", &server.url("/metrics"), &[], None);
    assert_eq!(metrics.status, 200);
    let counted = r#"chorus_events_dead_lettered_total{brand="acme",channel="slack",outcome="unauthorized"} 2"#;
    assert!(metrics.body.contains(counted), "{}", metrics.body);
    assert!(
        metrics.body.contains("chorus_plugin_call_seconds_bucket"),
        "{}",
        metrics.body
    );
}

fn bad_input_gets_a_json_4xx_and_the_raw_event_is_kept(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let truncated = std::fs::read(fixture("slack/malformed/truncated.json")).expect("fixture");
    let reply = post_signed(&server, "acme", &truncated, &[]);
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.json["error"]["code"], "bad-request");

    let text = b"hello, not json";
    let mut headers = slack_headers(text, SLACK_SECRET, unix_now());
    headers[0].1 = "text/plain".into();
    let reply = http("POST", &events_url(&server, "acme"), &headers, Some(text));
    assert!(
        (400..500).contains(&reply.status),
        "{} {}",
        reply.status,
        reply.body
    );
    assert!(reply.json["error"].is_object(), "{}", reply.body);

    let (status, response) = announce_oversize_body(&server, 100 * 1024);
    assert_eq!(status, 413, "{response}");
    assert!(response.contains("\"error\""), "{response}");

    let dead = http(
        "GET",
        &server.url("/v1/admin/dead-letters"),
        &bearer(ADMIN_KEY),
        None,
    );
    assert_eq!(dead.status, 200, "{}", dead.body);
    // The truncated and the wrongly typed bodies are kept (an HTTP client may
    // have re-sent one on a stale connection: then it is kept twice, as a
    // platform retry would be); the oversize one was refused before reading.
    let mut kinds: Vec<&str> = dead.json["dead_letters"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds, ["bad-input", "unsupported"]);

    // A method a route does not take is a JSON 405 too, and an id that is
    // not a number a JSON 400 (both found by fuzzing).
    let reply = http("DELETE", &events_url(&server, "acme"), &[], None);
    assert_eq!(reply.status, 405, "{}", reply.body);
    assert_eq!(reply.json["error"]["code"], "method-not-allowed");
    let (brand, key) = BRANDS[0];
    let reply = http(
        "GET",
        &server.url(&format!("/v1/brands/{brand}/conversations/1M-s")),
        &bearer(key),
        None,
    );
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.json["error"]["code"], "bad-request");
    assert_eq!(
        http("GET", &server.url("/healthz"), &[], None).status,
        200,
        "still serving"
    );
}

fn a_brands_key_never_reaches_another_brand(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let (acme, acme_key) = BRANDS[0];
    let (globex, _) = BRANDS[1];
    let body = std::fs::read(fixture("slack/message-channel.json")).expect("fixture");
    assert_eq!(post_signed(&server, globex, &body, &[]).status, 200);
    let routes = [
        ("GET", format!("/v1/brands/{globex}/conversations")),
        ("GET", format!("/v1/brands/{globex}/conversations/1")),
        (
            "POST",
            format!("/v1/brands/{globex}/conversations/1/resolve"),
        ),
        (
            "POST",
            format!("/v1/brands/{globex}/suggestions/1/feedback"),
        ),
        ("POST", format!("/v1/brands/{globex}/customers/1/link")),
    ];
    for (method, path) in &routes {
        let reply = http(
            method,
            &server.url(path),
            &bearer(acme_key),
            Some(br#"{"verdict":"accepted"}"#),
        );
        assert_eq!(reply.status, 404, "{method} {path}: {}", reply.body);
        let reply = http(method, &server.url(path), &[], Some(b"{}"));
        assert_eq!(
            reply.status, 401,
            "{method} {path} without a key: {}",
            reply.body
        );
    }
    assert_eq!(
        inbox(&server, acme, acme_key).json["conversations"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let admin_as_brand = http(
        "GET",
        &server.url("/v1/admin/dead-letters"),
        &bearer(acme_key),
        None,
    );
    assert_eq!(admin_as_brand.status, 403);
}

fn acknowledged_events_survive_sigkill_exactly_once(backend: Backend) {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(storage) = Storage::on(backend) else {
        return;
    };
    write_server_config_on(dir.path(), &storage, "");
    let mut server = Server::start(dir.path());
    let template = std::fs::read_to_string(fixture("slack/message-channel.json")).expect("fixture");
    let url = events_url(&server, "acme");
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let (url, template, acknowledged) =
                (url.clone(), template.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                for i in 0..40 {
                    let event_id = format!("EvLOAD{worker}x{i}");
                    let body = template.replace("Ev123ABC456", &event_id).replace(
                        "1355517523.000005",
                        &format!("1355517{worker}{i:02}.000005"),
                    );
                    let headers = slack_headers(body.as_bytes(), SLACK_SECRET, unix_now());
                    let request = ureq::post(&url).timeout(Duration::from_secs(5));
                    let request = headers.iter().fold(request, |r, (n, v)| r.set(n, v));
                    match request.send_bytes(body.as_bytes()) {
                        Ok(response) if response.status() == 200 => {
                            acknowledged.lock().expect("lock").push(event_id);
                        }
                        _ => break, // the server is gone
                    }
                }
            })
        })
        .collect();
    // Kill mid-load: once some events are acknowledged (a loaded machine
    // may take a while to answer the first), while others are in flight.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().expect("lock").is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    server.kill();
    for worker in workers {
        let _ = worker.join();
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        !acknowledged.is_empty(),
        "some events were acknowledged before the kill"
    );

    let server = Server::start(dir.path());
    let list = http(
        "GET",
        &server.url("/v1/brands/acme/conversations"),
        &bearer(BRANDS[0].1),
        None,
    );
    assert_eq!(list.status, 200);
    let (_, messages) = readyz(&server);
    assert!(
        messages >= acknowledged.len() as i64,
        "{messages} messages stored, {} acknowledged",
        acknowledged.len()
    );
    // Exactly once: each acknowledged event id appears in exactly one stored message.
    let mut stored: Vec<String> = Vec::new();
    for conversation in list.json["conversations"].as_array().expect("list") {
        let id = conversation["id"].as_i64().expect("id");
        let detail = http(
            "GET",
            &server.url(&format!("/v1/brands/acme/conversations/{id}")),
            &bearer(BRANDS[0].1),
            None,
        );
        for message in detail.json["messages"].as_array().expect("messages") {
            stored.push(
                message["message"]["event_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
    }
    for event in &acknowledged {
        let copies = stored.iter().filter(|s| *s == event).count();
        assert_eq!(
            copies, 1,
            "acknowledged event {event} stored {copies} times"
        );
    }
    println!(
        "crash test: {} events acknowledged before SIGKILL, {messages} messages after restart",
        acknowledged.len()
    );
}

fn sigterm_shuts_down_gracefully(backend: Backend) {
    let Some((_dir, _storage, mut server)) = start(backend) else {
        return;
    };
    let status = server.terminate();
    assert!(status.success(), "{status:?}");
}

/// Sends only the headers of a request whose `Content-Length` is over the
/// limit and reads the answer: the server refuses before reading the body.
fn announce_oversize_body(server: &Server, length: usize) -> (u16, String) {
    use std::io::{Read, Write};
    let address = server.base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "POST /v1/brands/acme/channels/slack/events HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
    .expect("writes headers");
    let mut response = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(read) = stream.read(&mut buffer) {
        if read == 0 {
            break;
        }
        response.extend_from_slice(&buffer[..read]);
        if response.windows(4).any(|w| w == b"\r\n\r\n") && response.ends_with(b"}") {
            break;
        }
    }
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn dead_letters_replay_after_a_fix(backend: Backend) {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(storage) = Storage::on(backend) else {
        return;
    };
    write_server_config_on(dir.path(), &storage, "");
    // A misconfigured secret: Slack's signatures fail, events become dead letters.
    std::fs::write(dir.path().join("slack-secret"), "a-stale-rotated-secret").expect("write");
    let mut server = Server::start(dir.path());
    let body = std::fs::read(fixture("slack/message-channel.json")).expect("fixture");
    assert_eq!(post_signed(&server, "acme", &body, &[]).status, 401);
    server.kill();

    std::fs::write(dir.path().join("slack-secret"), SLACK_SECRET).expect("fix the secret");
    let config = dir.path().join("chorus.toml");
    let output = chorus_e2e::chorus(&[
        "replay",
        "--dead-letters",
        "--since",
        "1h",
        "--config",
        config.to_str().expect("UTF-8"),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("replayed 1: 1 accepted"), "{stdout}");

    let server = Server::start(dir.path());
    let list = inbox(&server, "acme", BRANDS[0].1);
    assert_eq!(
        list.json["conversations"].as_array().map(Vec::len),
        Some(1),
        "{}",
        list.body
    );
    // Replaying again finds nothing left to do.
    let again = http(
        "POST",
        &server.url("/v1/admin/replay"),
        &bearer(ADMIN_KEY),
        None,
    );
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json["replayed"], 0, "{}", again.body);
}

fn openapi_describes_every_route(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let document = http("GET", &server.url("/openapi.json"), &[], None);
    assert_eq!(document.status, 200, "{}", document.body);
    let routes = [
        ("post", "/v1/brands/{brand}/channels/{channel}/events"),
        ("get", "/v1/brands/{brand}/channels/{channel}/events"),
        ("get", "/v1/brands/{brand}/conversations"),
        ("get", "/v1/brands/{brand}/conversations/{id}"),
        ("post", "/v1/brands/{brand}/conversations/{id}/resolve"),
        ("post", "/v1/brands/{brand}/suggestions/{id}/feedback"),
        ("post", "/v1/brands/{brand}/customers/{id}/link"),
        ("get", "/v1/admin/dead-letters"),
        ("post", "/v1/admin/replay"),
        ("get", "/healthz"),
        ("get", "/readyz"),
        ("get", "/metrics"),
    ];
    for (method, path) in routes {
        assert!(
            document.json["paths"][path][method].is_object(),
            "{method} {path} is not documented"
        );
    }
    assert!(document.json["components"]["schemas"]["ConversationDetail"].is_object());
    assert!(document.json["components"]["securitySchemes"]["bearer"].is_object());
}

fn conversation_for(server: &Server, thread: &str) -> Value {
    let (brand, key) = BRANDS[0];
    for summary in inbox(server, brand, key).json["conversations"]
        .as_array()
        .expect("list")
    {
        let id = summary["id"].as_i64().expect("id");
        let detail = triaged_conversation(server, brand, key, id);
        // Slack threads are `<channel>:<ts>`; callers name the ts.
        let thread_key = &detail["messages"][0]["message"]["thread_id"];
        if thread_key
            .as_str()
            .is_some_and(|k| k.ends_with(&format!(":{thread}")))
        {
            return detail;
        }
    }
    panic!("no conversation for thread {thread}");
}

fn returning_customers_are_recognised_and_identities_can_be_linked(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let (brand, key) = BRANDS[0];
    let first = slack_message(
        "EvH1",
        "UALICE",
        "1700000001.000100",
        "My order never arrived",
    );
    assert_eq!(post_signed(&server, brand, &first, &[]).status, 200);
    conversation_for(&server, "1700000001.000100");
    let second = slack_message(
        "EvH2",
        "UALICE",
        "1700000002.000100",
        "Still waiting for my order",
    );
    assert_eq!(post_signed(&server, brand, &second, &[]).status, 200);
    let detail = conversation_for(&server, "1700000002.000100");
    assert_eq!(
        detail["history"].as_array().map(Vec::len),
        Some(1),
        "{detail}"
    );
    let triage = &detail["messages"][0]["triage"];
    assert!(
        triage["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .any(|l| l == "repeat-contact"),
        "{triage}"
    );

    // Another identity of the same person, linked by an agent.
    let other = slack_message("EvH3", "UALICE2", "1700000003.000100", "hello again");
    assert_eq!(post_signed(&server, brand, &other, &[]).status, 200);
    let alice = detail["customer"]["id"].as_i64().expect("customer id");
    let alice2 = conversation_for(&server, "1700000003.000100")["customer"]["id"]
        .as_i64()
        .expect("id");
    let link = http(
        "POST",
        &server.url(&format!("/v1/brands/{brand}/customers/{alice}/link")),
        &[
            bearer(key),
            vec![("content-type".into(), "application/json".into())],
        ]
        .concat(),
        Some(format!(r#"{{"customer":{alice2}}}"#).as_bytes()),
    );
    assert_eq!(link.status, 200, "{}", link.body);
    let detail = conversation_for(&server, "1700000003.000100");
    assert_eq!(
        detail["history"].as_array().map(Vec::len),
        Some(2),
        "{detail}"
    );
}

fn x_crc_and_a_signed_mention_reach_the_inbox(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let (brand, key) = BRANDS[0];
    let crc = http(
        "GET",
        &server.url(&format!(
            "/v1/brands/{brand}/channels/x/events?crc_token=challenge123"
        )),
        &[],
        None,
    );
    assert_eq!(crc.status, 200, "{}", crc.body);
    let expected = {
        use base64::Engine;
        let mac = chorus_host::runtime::services::hmac_sha256(
            chorus_e2e::X_SECRET.as_bytes(),
            b"challenge123",
        );
        format!(
            "sha256={}",
            base64::engine::general_purpose::STANDARD.encode(mac)
        )
    };
    assert_eq!(crc.json["response_token"], expected);

    let body = std::fs::read(fixture("twitter/aaa-tweet-create-mention.json")).expect("fixture");
    let url = server.url(&format!("/v1/brands/{brand}/channels/x/events"));
    let reply = http("POST", &url, &chorus_e2e::x_headers(&body), Some(&body));
    assert_eq!(reply.status, 200, "{}", reply.body);
    // Twice more, as X redelivers: still one message.
    for _ in 0..2 {
        assert_eq!(
            http("POST", &url, &chorus_e2e::x_headers(&body), Some(&body)).status,
            200
        );
    }
    let forged = http(
        "POST",
        &url,
        &chorus_e2e::x_headers(b"something else"),
        Some(&body),
    );
    assert_eq!(forged.status, 401, "{}", forged.body);
    let list = inbox(&server, brand, key);
    let conversations = list.json["conversations"].as_array().expect("list");
    assert_eq!(conversations.len(), 1, "{}", list.body);
    let id = conversations[0]["id"].as_i64().expect("id");
    let detail = triaged_conversation(&server, brand, key, id);
    assert_eq!(detail["messages"].as_array().map(Vec::len), Some(1));
    assert_eq!(detail["channel"], "x");
    let handle = detail["messages"][0]["message"]["author"]["handle"]
        .as_str()
        .expect("handle")
        .to_owned();
    for suggestion in detail["messages"][0]["suggestions"]
        .as_array()
        .expect("suggestions")
    {
        let text = suggestion["text"].as_str().expect("text");
        assert!(text.starts_with(&format!("@{handle} ")), "{text}");
        assert!(twitter::x_length(text) <= 280, "{text}");
    }
}

fn a_saturated_server_answers_503_with_retry_after(backend: Backend) {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(storage) = Storage::on(backend) else {
        return;
    };
    write_server_config_on(dir.path(), &storage, "concurrency = 1");
    let server = Server::start(dir.path());
    // Hold the only slot: a request whose body is still arriving.
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut slow = std::net::TcpStream::connect(&address).expect("connects");
    write!(
        slow,
        "POST /v1/brands/acme/channels/slack/events HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"type\":"
    )
    .expect("writes");
    slow.flush().expect("flushes");
    std::thread::sleep(Duration::from_millis(300));
    let reply = http("GET", &server.url("/healthz"), &[], None);
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(
        reply.headers.iter().any(|(n, _)| n == "retry-after"),
        "{:?}",
        reply.headers
    );
    assert_eq!(reply.json["error"]["code"], "unavailable");
    drop(slow);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        http("GET", &server.url("/healthz"), &[], None).status,
        200,
        "serving again"
    );
}

fn inbound_email_reaches_the_inbox_as_an_email_reply(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let (brand, key) = BRANDS[0];
    let form = std::fs::read(fixture("email/inbound-parse-sendgrid.multipart")).expect("fixture");
    let content_type =
        std::fs::read_to_string(fixture("email/inbound-parse-sendgrid.content-type"))
            .expect("fixture");
    let url = server.url(&format!("/v1/brands/{brand}/channels/email/events"));
    let reply = http(
        "POST",
        &format!("{url}?token={EMAIL_TOKEN}"),
        &[("content-type".into(), content_type.trim().to_owned())],
        Some(&form),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let raw = std::fs::read(fixture("email/reply-quoted-history.eml")).expect("fixture");
    let mailgun_alias = server.url(&format!("/v1/brands/{brand}/channels/email/events/mime"));
    let reply = http(
        "POST",
        &mailgun_alias,
        &[
            ("content-type".into(), "message/rfc822".into()),
            ("authorization".into(), format!("Bearer {EMAIL_TOKEN}")),
        ],
        Some(&raw),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);

    let list = inbox(&server, brand, key);
    let conversations = list.json["conversations"].as_array().expect("list");
    assert_eq!(conversations.len(), 2, "{}", list.body);
    for conversation in conversations {
        let id = conversation["id"].as_i64().expect("id");
        let detail = triaged_conversation(&server, brand, key, id);
        assert_eq!(detail["channel"], "email");
        let text = detail["messages"][0]["suggestions"][0]["text"]
            .as_str()
            .expect("a suggestion")
            .to_owned();
        assert!(text.starts_with("Hi "), "greeting: {text}");
        assert!(
            text.trim_end().ends_with("Support team"),
            "sign-off: {text}"
        );
    }
}

#[test]
fn a_channel_without_its_signing_secret_is_refused_at_start() {
    let stderr = chorus_e2e::refused_at_start("slack", "chat");
    assert!(
        stderr.contains("slack-signing-secret")
            && stderr.contains("never runs a channel unverified"),
        "{stderr}"
    );
}

fn webchat_messages_need_their_own_signature(backend: Backend) {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(storage) = Storage::on(backend) else {
        return;
    };
    write_server_config_on(dir.path(), &storage, "");
    let server = Server::start(dir.path());
    // The test brands' chat channels have only the Slack secret: a widget
    // request cannot be verified, so the server refuses it, as the
    // sender's fault: anyone can post one, and no one may cause a 5xx.
    let body = std::fs::read(fixture("webchat/message.json")).expect("fixture");
    let reply = http(
        "POST",
        &events_url(&server, "acme"),
        &[("content-type".into(), "application/json".into())],
        Some(&body),
    );
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(reply.json["error"]["code"], "unauthorized");
    assert!(
        reply.body.contains("webchat-signing-secret"),
        "names what this channel cannot verify: {}",
        reply.body
    );
    assert_eq!(readyz(&server).1, 0, "no message stored");
}

fn a_post_naming_the_brand_without_tagging_it_lands_labelled(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let (brand, key) = BRANDS[0];
    // X API v2 keyword listening: the post names the BBC but does not @-tag it.
    let body =
        std::fs::read(fixture("twitter/v2-tweet-brand-mention-no-at.json")).expect("fixture");
    let url = server.url(&format!("/v1/brands/{brand}/channels/x/events"));
    let reply = http("POST", &url, &chorus_e2e::x_headers(&body), Some(&body));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let list = inbox(&server, brand, key);
    let id = list.json["conversations"][0]["id"]
        .as_i64()
        .expect("a conversation");
    let detail = triaged_conversation(&server, brand, key, id);
    let triage = &detail["messages"][0]["triage"];
    assert!(
        triage["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .any(|l| l == "brand-mention"),
        "{triage}"
    );
    assert!(
        triage["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r.as_str().is_some_and(|r| r.contains("bbc-mention"))),
        "{triage}"
    );
    assert!(
        matches!(triage["priority"].as_str(), Some("high" | "urgent")),
        "{triage}"
    );
    assert_eq!(
        detail["priority"], triage["priority"],
        "the conversation takes the raised priority"
    );
}

fn a_burst_of_failure_reports_is_raised_as_an_incident(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    let brand = BRANDS[0].0;
    let mut triages = Vec::new();
    for i in 0..5 {
        let body = slack_message(
            &format!("EvBURST{i}"),
            &format!("UBURST{i}"),
            &format!("1700001{i:03}.000100"),
            "The checkout page is not working for me, keeps failing",
        );
        let reply = post_signed(&server, brand, &body, &[]);
        assert_eq!(reply.status, 200, "{}", reply.body);
        let detail = conversation_for(&server, &format!("1700001{i:03}.000100"));
        triages.push(detail["messages"][0]["triage"].clone());
    }
    let labelled = |t: &Value| {
        t["labels"]
            .as_array()
            .is_some_and(|l| l.iter().any(|l| l == "outage-burst"))
    };
    for early in &triages[..4] {
        assert!(!labelled(early), "{early}");
        assert_eq!(early["priority"], "normal", "{early}");
    }
    let fifth = &triages[4];
    assert!(labelled(fifth), "{fifth}");
    assert_eq!(fifth["priority"], "urgent", "{fifth}");
    assert!(
        fifth["reasons"].as_array().is_some_and(|r| r
            .iter()
            .any(|r| r.as_str().is_some_and(|r| r.starts_with("5 reports")))),
        "{fifth}"
    );
}

fn the_inbox_pages_with_a_cursor_and_refuses_a_bad_one(backend: Backend) {
    let Some((_dir, _storage, server)) = start(backend) else {
        return;
    };
    for i in 0..3 {
        let body = slack_message(
            &format!("EvPAGE{i}"),
            &format!("UPAGE{i}"),
            &format!("135551760{i}.000001"),
            "hello, is anyone there?",
        );
        assert_eq!(post_signed(&server, "acme", &body, &[]).status, 200);
    }
    let key = BRANDS[0].1;
    let page = |query: &str| {
        http(
            "GET",
            &server.url(&format!("/v1/brands/acme/conversations?{query}")),
            &bearer(key),
            None,
        )
    };
    let all = page("");
    let all: Vec<i64> = all.json["conversations"]
        .as_array()
        .expect("conversations")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert_eq!(all.len(), 3);
    // The inbox is ordered by the reply's due time, set once a message is
    // triaged: page only when all three are, or a conversation triaged
    // between two pages moves before the cursor.
    for id in &all {
        triaged_conversation(&server, "acme", key, *id);
    }
    let all: Vec<i64> = page("").json["conversations"]
        .as_array()
        .expect("conversations")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    let first = page("limit=2");
    assert_eq!(first.status, 200, "{}", first.body);
    let cursor = first.json["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_owned();
    let second = page(&format!("limit=2&cursor={cursor}"));
    assert_eq!(second.status, 200, "{}", second.body);
    assert!(second.json["next_cursor"].is_null(), "{}", second.body);
    let paged: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|reply| {
            reply.json["conversations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert_eq!(paged, all, "the pages hold the inbox, in order, once");
    for query in ["cursor=not-a-cursor", "limit=0", "limit=501", "limit=-1"] {
        let refused = page(query);
        assert_eq!(refused.status, 400, "{query}: {}", refused.body);
        assert_eq!(
            refused.json["error"]["code"], "bad-request",
            "{}",
            refused.body
        );
    }
    let letters = http(
        "GET",
        &server.url("/v1/admin/dead-letters?limit=1"),
        &bearer(ADMIN_KEY),
        None,
    );
    assert_eq!(letters.status, 200, "{}", letters.body);
    assert!(letters.json["next_cursor"].is_null(), "no dead letter yet");
}

/// The server and `chorus plugin run --config` are one pipeline: for the
/// same signed event and brand they give the same triage (listening rules,
/// SLA and all) and the same suggestions, in the same order.
#[test]
fn the_server_and_the_cli_give_the_same_triage_and_suggestions() {
    let Some((dir, _storage, server)) = start(Backend::Sqlite) else {
        return;
    };
    let body = slack_message(
        "EvSAME1",
        "USAME1",
        "1355517901.000001",
        "third time asking!! the bbc says your checkout is down and I was charged twice",
    );
    let headers = slack_headers(&body, SLACK_SECRET, unix_now());
    let posted = http("POST", &events_url(&server, "acme"), &headers, Some(&body));
    assert_eq!(posted.status, 200, "{}", posted.body);
    let list = inbox(&server, "acme", BRANDS[0].1);
    let id = list.json["conversations"][0]["id"]
        .as_i64()
        .expect("a conversation");
    let detail = triaged_conversation(&server, "acme", BRANDS[0].1, id);
    let served = &detail["messages"][0];

    let event = dir.path().join("event.json");
    std::fs::write(&event, &body).expect("write the event");
    let config = dir.path().join("chorus.toml");
    let mut args = vec![
        "plugin".to_owned(),
        "run".to_owned(),
        chorus_e2e::plugin("chat").display().to_string(),
        event.display().to_string(),
        "--config".to_owned(),
        config.display().to_string(),
        "--brand-id".to_owned(),
        "acme".to_owned(),
    ];
    for (name, value) in &headers {
        args.extend(["--header".to_owned(), format!("{name}: {value}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = chorus_e2e::chorus(&args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let run: Value = serde_json::from_str(&stdout).expect("JSON");
    let cli = &run["result"]["messages"][0];

    assert!(
        served["triage"]["labels"]
            .as_array()
            .is_some_and(|labels| labels.iter().any(|l| l == "brand-mention")),
        "the brand's listening rule applied: {}",
        served["triage"]
    );
    // The stored triage went through JSON as f64; the CLI prints f32s.
    assert_eq!(
        rounded(&cli["triage"]),
        rounded(&served["triage"]),
        "the same triage"
    );
    let texts = |suggestions: &Value| -> Vec<String> {
        suggestions
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|s| s["text"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let served_texts = texts(&served["suggestions"]);
    assert!(!served_texts.is_empty(), "{served}");
    assert_eq!(
        texts(&cli["suggestions"]),
        served_texts,
        "the same suggestions"
    );
}

/// `value` with every number rounded to 4 decimals.
fn rounded(value: &Value) -> Value {
    match value {
        Value::Number(n) => n
            .as_f64()
            .map_or(Value::Null, |f| serde_json::json!((f * 1e4).round() / 1e4)),
        Value::Array(items) => Value::Array(items.iter().map(rounded).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, field)| (key.clone(), rounded(field)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Each test above, once per backend: `sqlite::name` and `postgres::name`.
macro_rules! on_each_backend {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $test() {
                super::$test(chorus_e2e::Backend::Sqlite);
            })+
        }
        mod postgres {
            $(#[test]
            fn $test() {
                super::$test(chorus_e2e::Backend::Postgres);
            })+
        }
    };
}

on_each_backend!(
    a_signed_slack_message_reaches_the_inbox_with_triage_and_suggestions,
    the_url_verification_handshake_is_answered,
    three_deliveries_of_one_event_make_one_message,
    forged_and_stale_signatures_get_401_and_store_no_message,
    bad_input_gets_a_json_4xx_and_the_raw_event_is_kept,
    a_brands_key_never_reaches_another_brand,
    acknowledged_events_survive_sigkill_exactly_once,
    sigterm_shuts_down_gracefully,
    dead_letters_replay_after_a_fix,
    openapi_describes_every_route,
    returning_customers_are_recognised_and_identities_can_be_linked,
    x_crc_and_a_signed_mention_reach_the_inbox,
    a_saturated_server_answers_503_with_retry_after,
    inbound_email_reaches_the_inbox_as_an_email_reply,
    webchat_messages_need_their_own_signature,
    a_post_naming_the_brand_without_tagging_it_lands_labelled,
    a_burst_of_failure_reports_is_raised_as_an_incident,
    the_inbox_pages_with_a_cursor_and_refuses_a_bad_one,
);
