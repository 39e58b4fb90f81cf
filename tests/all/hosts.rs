//! PostgreSQL for platform teams, end to end on real `chorus serve`
//! processes: several hosts on one database, as behind a load balancer
//! (they share the work, retried deliveries to different hosts make one
//! message, and when a host is killed with `SIGKILL` the survivor takes
//! its claimed work over once the lease expires); the database going away
//! (503 with `Retry-After`, nothing acknowledged that is not stored); and
//! moving a SQLite store to PostgreSQL with `chorus store migrate`.
//! Skipped loudly without PostgreSQL unless `CHORUS_REQUIRE_POSTGRES=1`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chorus_e2e::{
    BRANDS, Backend, SLACK_SECRET, Server, Storage, bearer, fixture, http, slack_headers, unix_now,
    write_server_config_on,
};

/// The hosts' lease: short, so that the test waits little for a dead
/// host's work.
const LEASE: &str = "work_lease_ms = 1500";

fn events_url(server: &Server) -> String {
    server.url("/v1/brands/acme/channels/slack/events")
}

/// Posts `body` to `server`'s Slack webhook, signed now.
fn post_signed(server: &Server, body: &[u8]) -> chorus_e2e::Reply {
    http(
        "POST",
        &events_url(server),
        &slack_headers(body, SLACK_SECRET, unix_now()),
        Some(body),
    )
}

/// Posts a signed event; `None` when the host is gone (or did not answer).
fn deliver(url: &str, body: &str) -> Option<u16> {
    let headers = slack_headers(body.as_bytes(), SLACK_SECRET, unix_now());
    let request = ureq::post(url).timeout(Duration::from_secs(5));
    let request = headers.iter().fold(request, |r, (n, v)| r.set(n, v));
    match request.send_bytes(body.as_bytes()) {
        Ok(response) => Some(response.status()),
        Err(ureq::Error::Status(status, _)) => Some(status),
        Err(_) => None,
    }
}

/// The inbox of `acme` on `server`.
fn conversations(server: &Server) -> Vec<serde_json::Value> {
    let list = http(
        "GET",
        &server.url("/v1/brands/acme/conversations"),
        &bearer(BRANDS[0].1),
        None,
    );
    assert_eq!(list.status, 200, "{}", list.body);
    list.json["conversations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Every stored message of `acme` as `server` shows it: (event id, status,
/// has triage, suggestions).
fn stored_messages(server: &Server) -> Vec<(String, String, bool, usize)> {
    let key = BRANDS[0].1;
    let mut stored = Vec::new();
    for conversation in conversations(server) {
        let id = conversation["id"].as_i64().expect("id");
        let detail = http(
            "GET",
            &server.url(&format!("/v1/brands/acme/conversations/{id}")),
            &bearer(key),
            None,
        );
        assert_eq!(detail.status, 200, "{}", detail.body);
        for message in detail.json["messages"].as_array().expect("messages") {
            stored.push((
                message["message"]["event_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                message["status"].as_str().unwrap_or_default().to_owned(),
                !message["triage"].is_null(),
                message["suggestions"].as_array().map_or(0, Vec::len),
            ));
        }
    }
    stored
}

#[test]
fn two_hosts_share_one_database_and_a_killed_hosts_work_is_taken_over() {
    let Some(storage) = Storage::on(Backend::Postgres) else {
        return;
    };
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    );
    write_server_config_on(dir_a.path(), &storage, LEASE);
    write_server_config_on(dir_b.path(), &storage, LEASE);
    let mut host_a = Server::start(dir_a.path());
    let host_b = Server::start(dir_b.path());
    let urls = [events_url(&host_a), events_url(&host_b)];
    let template = std::fs::read_to_string(fixture("slack/message-channel.json")).expect("fixture");

    // Four senders; each event goes to one host, and is retried on the other
    // when the first does not acknowledge it (gone, or busy), as a platform
    // retries; every fourth is delivered again to the other host anyway (a
    // retry after a lost acknowledgement).
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let senders: Vec<_> = (0..4)
        .map(|sender| {
            let (urls, template, acknowledged) =
                (urls.clone(), template.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                for i in 0..40 {
                    let event_id = format!("EvHOSTS{sender}x{i}");
                    let body = template.replace("Ev123ABC456", &event_id).replace(
                        "1355517523.000005",
                        &format!("1355518{sender}{i:02}.000005"),
                    );
                    let first = (sender + i) % 2;
                    let mut ok = (0..8).any(|attempt| {
                        std::thread::sleep(Duration::from_millis(25 * attempt as u64));
                        deliver(&urls[(first + attempt) % 2], &body) == Some(200)
                    });
                    if i % 4 == 0 {
                        ok |= deliver(&urls[1 - first], &body) == Some(200);
                    }
                    if ok {
                        acknowledged.lock().expect("lock").push(event_id);
                    }
                }
            })
        })
        .collect();
    // Kill host A mid-load, once some events are acknowledged.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().expect("lock").len() < 30 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    host_a.kill();
    for sender in senders {
        sender.join().expect("sender");
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert_eq!(
        acknowledged.len(),
        160,
        "every event acknowledged by a host"
    );

    // The survivor finishes everything, host A's claims included.
    let deadline = Instant::now() + Duration::from_secs(60);
    let stored = loop {
        let stored = stored_messages(&host_b);
        let settled = stored.len() >= acknowledged.len()
            && stored.iter().all(|(_, status, _, _)| status != "pending");
        if settled || Instant::now() > deadline {
            break stored;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let mut copies: HashMap<&str, usize> = HashMap::new();
    for (event, status, triaged, suggestions) in &stored {
        *copies.entry(event.as_str()).or_default() += 1;
        assert_eq!(status, "done", "{event} was not processed");
        assert!(*triaged, "{event} has no triage");
        assert!(*suggestions > 0, "{event} has no suggestion");
    }
    for event in &acknowledged {
        assert_eq!(
            copies.get(event.as_str()),
            Some(&1),
            "acknowledged event {event} stored once"
        );
    }
    assert_eq!(stored.len(), acknowledged.len(), "nothing else stored");
    println!(
        "two hosts: {} events acknowledged (host A killed mid-load), all processed once by the survivor",
        acknowledged.len()
    );
}

/// A TCP proxy on loopback in front of the database, that can be cut (every
/// connection through it closed, new ones closed at once) and restored:
/// PostgreSQL going away, as a host sees it.
struct Proxy {
    address: std::net::SocketAddr,
    cut: Arc<std::sync::atomic::AtomicBool>,
    open: Arc<Mutex<Vec<std::net::TcpStream>>>,
}

impl Proxy {
    /// Forwards a loopback port to `target` (`host:port`).
    fn to(target: &str) -> Self {
        use std::net::{TcpListener, TcpStream};
        use std::sync::atomic::Ordering;
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address");
        let cut = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (target, cut_flag, streams) = (target.to_owned(), cut.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                if cut_flag.load(Ordering::SeqCst) {
                    continue; // dropped: closed at once
                }
                let Ok(server) = TcpStream::connect(&target) else {
                    continue;
                };
                let pipes = [
                    (client.try_clone(), server.try_clone()),
                    (server.try_clone(), client.try_clone()),
                ];
                if let Ok(mut streams) = streams.lock() {
                    streams.extend([client, server]);
                }
                for (from, to) in pipes {
                    if let (Ok(mut from), Ok(mut to)) = (from, to) {
                        std::thread::spawn(move || {
                            let _ = std::io::copy(&mut from, &mut to);
                            let _ = to.shutdown(std::net::Shutdown::Both);
                        });
                    }
                }
            }
        });
        Self { address, cut, open }
    }

    /// Closes every connection and refuses new ones.
    fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
        for stream in self.open.lock().expect("lock").drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }

    /// Lets connections through again.
    fn restore(&self) {
        self.cut.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

/// `url` with its `host:port` replaced by `address`, and that `host:port`.
fn through(url: &str, address: std::net::SocketAddr) -> (String, String) {
    let start = url
        .find('@')
        .map_or_else(|| url.find("//").map_or(0, |i| i + 2), |i| i + 1);
    let end = url[start..].find('/').map_or(url.len(), |i| start + i);
    let target = url[start..end].to_owned();
    (format!("{}{address}{}", &url[..start], &url[end..]), target)
}

#[test]
fn while_postgresql_is_unreachable_webhooks_get_503_and_nothing_unstored_is_acknowledged() {
    let Some(storage) = Storage::on(Backend::Postgres) else {
        return;
    };
    let url = storage.url().expect("a PostgreSQL schema").to_owned();
    let dir = tempfile::tempdir().expect("tempdir");
    write_server_config_on(dir.path(), &storage, "");
    let placeholder: std::net::SocketAddr = "127.0.0.1:1".parse().expect("address");
    let (_, target) = through(&url, placeholder);
    let proxy = Proxy::to(&target);
    let (proxied, _) = through(&url, proxy.address);
    let config_path = dir.path().join("chorus.toml");
    let config = std::fs::read_to_string(&config_path).expect("config");
    std::fs::write(&config_path, config.replace(&url, &proxied)).expect("config");
    let server = Server::start(dir.path());
    let body = |i: usize| {
        chorus_e2e::slack_message(
            &format!("EvOUTAGE{i}"),
            "UOUTAGE",
            &format!("135551770{i}.000001"),
            "my order has not arrived",
        )
    };
    let post = |body: &[u8]| post_signed(&server, body);
    assert_eq!(post(&body(0)).status, 200, "before the outage");

    proxy.cut();
    let refused = post(&body(1));
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(
        refused.json["error"]["code"], "unavailable",
        "{}",
        refused.body
    );
    assert!(
        refused
            .headers
            .iter()
            .any(|(name, value)| name == "retry-after"
                && value.parse::<u32>().is_ok_and(|seconds| seconds > 0)),
        "{:?}",
        refused.headers
    );
    let ready = http("GET", &server.url("/readyz"), &[], None);
    assert_eq!(
        ready.status, 503,
        "not ready without its database: {}",
        ready.body
    );

    proxy.restore();
    // The platform retries the refused event: it is stored once, as new.
    let deadline = Instant::now() + Duration::from_secs(30);
    let retried = loop {
        let reply = post(&body(1));
        if reply.status != 503 || Instant::now() > deadline {
            break reply;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(retried.status, 200, "{}", retried.body);
    let ready = http("GET", &server.url("/readyz"), &[], None);
    assert_eq!(ready.status, 200, "{}", ready.body);
    assert_eq!(
        (
            ready.json["ledger"].as_i64(),
            ready.json["messages"].as_i64()
        ),
        (Some(2), Some(2)),
        "the refused delivery left no trace; its retry is the second event: {}",
        ready.body
    );
}

#[test]
fn a_sqlite_store_moves_to_postgresql_and_the_server_carries_on_there() {
    let Some(storage) = Storage::on(Backend::Postgres) else {
        return;
    };
    let on_sqlite = tempfile::tempdir().expect("tempdir");
    write_server_config_on(
        on_sqlite.path(),
        &Storage::on(Backend::Sqlite).expect("sqlite"),
        "",
    );
    let mut server = Server::start(on_sqlite.path());
    for i in 0..2 {
        let body = chorus_e2e::slack_message(
            &format!("EvMOVE{i}"),
            &format!("UMOVE{i}"),
            &format!("135551780{i}.000001"),
            "where is my parcel? ordered last week",
        );
        let reply = post_signed(&server, &body);
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let forged = http(
        "POST",
        &events_url(&server),
        &slack_headers(b"{}", "not-the-secret", unix_now()),
        Some(b"{}"),
    );
    assert_eq!(forged.status, 401, "a dead letter to move too");
    let before = settled_inbox(&server);
    assert!(server.terminate().success());

    let source = format!(
        "sqlite://{}",
        on_sqlite.path().join("data/chorus.db").display()
    );
    let target = storage.url().expect("a PostgreSQL schema").to_owned();
    let moved = chorus_e2e::chorus(&["store", "migrate", "--from", &source, "--to", &target]);
    let stdout = String::from_utf8_lossy(&moved.stdout);
    assert!(
        moved.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&moved.stderr)
    );
    assert!(stdout.contains("ledger: 3 rows"), "{stdout}");
    assert!(stdout.contains("messages: 2 rows"), "{stdout}");
    assert!(stdout.contains("dead_letters: 1 rows"), "{stdout}");

    let again = chorus_e2e::chorus(&["store", "migrate", "--from", &source, "--to", &target]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not empty"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");

    let on_postgres = tempfile::tempdir().expect("tempdir");
    write_server_config_on(on_postgres.path(), &storage, "");
    let server = Server::start(on_postgres.path());
    assert_eq!(
        settled_inbox(&server),
        before,
        "the same inbox, triage and all"
    );
    // New rows continue after the copied ids.
    let body = chorus_e2e::slack_message("EvMOVE9", "UMOVE9", "1355517809.000001", "hello?");
    let reply = post_signed(&server, &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = settled_inbox(&server);
    assert_eq!(after.len(), 3);
    let letters = http(
        "GET",
        &server.url("/v1/admin/dead-letters"),
        &bearer(chorus_e2e::ADMIN_KEY),
        None,
    );
    assert_eq!(
        letters.json["dead_letters"].as_array().map(Vec::len),
        Some(1)
    );
}

/// The inbox once every message is triaged: each conversation's id,
/// priority, intent and due time.
fn settled_inbox(server: &Server) -> Vec<(i64, String, String, i64)> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let rows: Vec<(i64, String, String, i64)> = conversations(server)
            .iter()
            .map(|c| {
                (
                    c["id"].as_i64().unwrap_or_default(),
                    c["priority"].as_str().unwrap_or_default().to_owned(),
                    c["intent"].as_str().unwrap_or_default().to_owned(),
                    c["first_response_due"].as_i64().unwrap_or_default(),
                )
            })
            .collect();
        if rows.iter().all(|(_, priority, _, _)| !priority.is_empty()) || Instant::now() > deadline
        {
            return rows;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
