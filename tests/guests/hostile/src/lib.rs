//! A test-only guest that misbehaves on request, to prove the host's limits.
//! The request body selects the behaviour:
//!
//! | body         | behaviour                                        | expected host error |
//! |--------------|--------------------------------------------------|---------------------|
//! | `loop`       | spins forever                                    | Timeout             |
//! | `sleep`      | blocks in a WASI sleep (outside wasm code)       | Timeout             |
//! | `alloc`      | allocates 1 GiB                                  | OutOfMemory         |
//! | `panic`      | panics                                           | Trap (with message) |
//! | `recurse`    | recurses without end                             | Trap (stack)        |
//! | `huge-count` | returns 1,000 messages (the cap is 100)                         | BadOutput           |
//! | `huge-text`  | returns a 4 MiB message text                     | BadOutput           |
//! | `respond:smuggle` | a handshake with `Content-Length: 0` and a forged second response as body | framing headers dropped |
//! | `respond:chunked` | a handshake with `Transfer-Encoding: chunked` | framing headers dropped |
//! | `respond:<n>`| a handshake with status `<n>` (e.g. 0, 999)       | BadOutput outside 200–599 |
//! | `exit`       | calls `exit(0)`                                  | Trap naming exit    |
//! | `log-forge`  | logs and prints a fake host line after a newline    | logged as a quoted field |
//! | `host-calls` | undeclared capabilities, a 16 MiB kv key, a 30 MB knowledge query, 1,000 kv reads | each refused before any work, reported as attributes |
//! | `sandbox`    | reports what of the host it can see              | a message           |
//! | `init`       | reports how it was initialized                   | a message           |
//! | `calls`      | a message whose `triage` and `suggest` count the calls their instance has served (the suggestion says how many); with `triage-panics`, `triage` panics | a suggestion, or Trap |
//! | `anonymous`  | two messages, the second with a blank author id  | BadOutput           |
//! | `voice`      | a message whose suggestions break a brand's voice (10,000 characters, banned phrases, 50 emoji) | fixed or dropped by the voice gate |
//! | anything else| one ordinary message                             | a message           |
//!
//! Never shipped: xtask builds it into `target/test-guests/`.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use chorus_sdk::{
    Attribute, Author, Capability, ChannelKind, Context, Header, HttpRequest, HttpResponse,
    ListenOutcome, Message, MessageKind, Plugin, PluginError, PluginInfo, Suggestion, Triage,
    Visibility,
};

/// A value `init` computes, so the snapshot has something to carry.
static TABLE_CHECKSUM: AtomicU64 = AtomicU64::new(0);

/// `triage` and `suggest` calls this instance has served (the snapshot's is 0).
static CALLS_HERE: AtomicU64 = AtomicU64::new(0);

/// The hostile guest.
#[derive(Debug)]
pub struct Hostile;

impl Plugin for Hostile {
    fn metadata() -> PluginInfo {
        let mut info = chorus_sdk::plugin_info(
            "hostile",
            env!("CARGO_PKG_VERSION"),
            "test guest that misbehaves on request",
            ChannelKind::Other,
        );
        // Declares these, and not `secrets` or `history`.
        info.capabilities = vec![Capability::Config, Capability::Kv, Capability::Knowledge];
        info
    }

    fn init() {
        let checksum = (0..100_000u64).fold(0u64, |acc, i| acc.wrapping_mul(31).wrapping_add(i));
        TABLE_CHECKSUM.store(checksum, Ordering::Relaxed);
    }

    fn listen(request: HttpRequest) -> Result<ListenOutcome, PluginError> {
        let command = String::from_utf8_lossy(&request.body).trim().to_owned();
        if let Some(kind) = command.strip_prefix("respond:") {
            return Ok(ListenOutcome::Respond(handshake(kind)));
        }
        let messages = match command.as_str() {
            "loop" => loop {
                black_box(());
            },
            "sleep" => {
                std::thread::sleep(std::time::Duration::from_secs(30));
                vec![message("slept", vec![])]
            }
            "alloc" => {
                let block = vec![1u8; 1 << 30];
                vec![message(
                    &format!("allocated {}", black_box(block).len()),
                    vec![],
                )]
            }
            "panic" => panic!("hostile guest panicked on purpose"),
            "recurse" => vec![message(&format!("depth {}", recurse(black_box(0))), vec![])],
            "huge-count" => (0..1_000)
                .map(|i| message(&i.to_string(), vec![]))
                .collect(),
            "huge-text" => vec![message(&"x".repeat(4 << 20), vec![])],
            "exit" => std::process::exit(0),
            "log-forge" => {
                chorus_sdk::host::log(chorus_sdk::LogLevel::Error, FORGED_LOG_LINE);
                println!("{FORGED_LOG_LINE}");
                vec![message("log-forge", vec![])]
            }
            "host-calls" => vec![message("host-calls", host_call_report())],
            "sandbox" => vec![message("sandbox", sandbox_report())],
            "init" => {
                let report = chorus_sdk::init_report();
                vec![message(
                    "init",
                    vec![
                        attr("init.runs", report.runs.to_string()),
                        attr("init.from-snapshot", report.from_snapshot.to_string()),
                        attr(
                            "init.checksum",
                            TABLE_CHECKSUM.load(Ordering::Relaxed).to_string(),
                        ),
                    ],
                )]
            }
            "anonymous" => {
                let mut nobody = message("written by nobody", vec![]);
                nobody.author.id = " ".to_owned();
                vec![message("anonymous", vec![]), nobody]
            }
            other => vec![message(other, vec![])],
        };
        Ok(ListenOutcome::Messages(messages))
    }

    fn triage(message: Message, context: Context) -> Result<Triage, PluginError> {
        CALLS_HERE.fetch_add(1, Ordering::Relaxed);
        if message.text == "triage-panics" {
            panic!("hostile guest panicked in triage on purpose");
        }
        Ok(chorus_sdk::triage::assess(&message, &context, &[]))
    }

    fn suggest(
        message: Message,
        triage: Triage,
        context: Context,
    ) -> Result<Vec<Suggestion>, PluginError> {
        let calls = CALLS_HERE.fetch_add(1, Ordering::Relaxed) + 1;
        if message.text == "calls" || message.text == "triage-panics" {
            return Ok(vec![Suggestion {
                text: format!("calls in this instance: {calls}"),
                strategy: "answer".to_owned(),
                rationale: "hostile test output".to_owned(),
            }]);
        }
        if message.text != "voice" {
            return Ok(chorus_sdk::suggest::compose(
                &message,
                &triage,
                &context,
                &chorus_sdk::suggest::ChannelForm::plain(),
            ));
        }
        let banned = context
            .voice
            .banned_phrases
            .first()
            .cloned()
            .unwrap_or_else(|| "we apologize for any inconvenience".to_owned());
        let suggestion = |text: String, strategy: &str| Suggestion {
            text,
            strategy: strategy.to_owned(),
            rationale: "hostile test output".to_owned(),
        };
        Ok(vec![
            suggestion("We are on it. ".repeat(715), "answer"),
            suggestion(
                format!("{banned}. Thanks for waiting. {banned}!"),
                "acknowledge",
            ),
            suggestion(
                format!("Thanks for waiting {}", "🔥".repeat(50)),
                "ask-detail",
            ),
        ])
    }
}

/// A log message that tries to pass for a line of the host's own.
pub const FORGED_LOG_LINE: &str =
    "done\n2026-12-02T10:00:00.000000Z ERROR chorus::server: FORGED-BY-PLUGIN admin key rotated";

/// The body of a forged response hidden behind `Content-Length: 0`.
pub const SMUGGLED: &str =
    "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\nforged";

/// A handshake answer that tries to take over the host's HTTP framing.
fn handshake(kind: &str) -> HttpResponse {
    let header = |name: &str, value: &str| Header {
        name: name.to_owned(),
        value: value.to_owned(),
    };
    let (status, headers) = match kind {
        "smuggle" => (
            200,
            vec![
                header("content-type", "text/plain"),
                header("content-length", "0"),
                header("connection", "keep-alive"),
            ],
        ),
        "chunked" => (200, vec![header("transfer-encoding", "chunked")]),
        other => (other.parse().unwrap_or(0), Vec::new()),
    };
    HttpResponse {
        status,
        headers,
        body: SMUGGLED.as_bytes().to_vec(),
    }
}

/// Recurses until the stack is exhausted, on purpose.
#[allow(unconditional_recursion)]
fn recurse(depth: u64) -> u64 {
    let mut frame = [depth; 64];
    black_box(&mut frame);
    recurse(black_box(depth + 1)) + frame[3]
}

/// How the host answered host calls it must refuse.
fn host_call_report() -> Vec<Attribute> {
    use chorus_sdk::host;
    let outcome = |result: Result<String, chorus_sdk::HostError>| match result {
        Ok(value) => format!("ok: {value}"),
        Err(chorus_sdk::HostError::NotPermitted(_)) => "not-permitted".to_owned(),
        Err(chorus_sdk::HostError::Limit(_)) => "limit".to_owned(),
        Err(other) => format!("{other:?}"),
    };
    // One at a time, so that the guest's own 64 MiB holds them.
    let big_key = {
        let key = "k".repeat(16 << 20);
        outcome(host::kv_set(&key, b"v").map(|()| String::new()))
    };
    let big_query = {
        let query = "refund ".repeat((30 << 20) / 7);
        outcome(host::knowledge_search(&query, 3).map(|h| h.len().to_string()))
    };
    // In order: the small write must come before the read flood spends the
    // `kv` budget.
    let mut report = vec![
        attr(
            "secrets",
            outcome(host::hmac_sha256("slack-signing-secret", b"x").map(|m| m.len().to_string())),
        ),
        attr(
            "secrets.sha1",
            outcome(host::hmac_sha1("slack-signing-secret", b"x").map(|m| m.len().to_string())),
        ),
        attr(
            "history",
            outcome(host::customer_history("U1", 5).map(|h| h.len().to_string())),
        ),
        attr("kv.big-key", big_key),
        attr(
            "kv.small-key",
            outcome(host::kv_set("cursor", b"42").map(|()| String::new())),
        ),
        attr("knowledge.big-query", big_query),
    ];
    let refused = (0..1_000)
        .map(|i| host::kv_get(&format!("key-{i}")))
        .filter(|r| matches!(r, Err(chorus_sdk::HostError::Limit(_))))
        .count();
    report.push(attr("kv.reads-refused", refused.to_string()));
    report
}

/// What the sandbox lets the guest see: environment, files, arguments.
fn sandbox_report() -> Vec<Attribute> {
    vec![
        attr("env.count", std::env::vars().count().to_string()),
        attr("args.count", std::env::args().count().to_string()),
        attr(
            "fs.root",
            std::fs::read_dir("/")
                .map(|d| d.count().to_string())
                .unwrap_or_else(|e| format!("error: {e}")),
        ),
        attr(
            "fs.dot",
            std::fs::read_dir(".")
                .map(|d| d.count().to_string())
                .unwrap_or_else(|e| format!("error: {e}")),
        ),
    ]
}

fn attr(key: &str, value: String) -> Attribute {
    Attribute {
        key: key.to_owned(),
        value,
    }
}

fn message(text: &str, attributes: Vec<Attribute>) -> Message {
    Message {
        event_id: format!("hostile-{}", text.len()),
        external_id: "1".to_owned(),
        kind: MessageKind::Original,
        thread_id: None,
        in_reply_to: None,
        author: Author {
            id: "tester".to_owned(),
            handle: None,
            display_name: None,
            email: None,
            follower_count: None,
            verified: false,
        },
        text: text.to_owned(),
        full_text: None,
        visibility: Visibility::Private,
        sent_at: None,
        language: None,
        attachments: Vec::new(),
        attributes,
    }
}

chorus_sdk::export_plugin!(Hostile);
