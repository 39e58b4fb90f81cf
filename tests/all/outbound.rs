//! Replies sent back through their channel: `POST .../replies` queues a
//! reply in the durable outbox, the sender has the channel's plugin build
//! the platform call (`deliver`) and makes it with the brand's secret.
//! The platforms are local fakes that record what they receive; the server,
//! its store and the plugins are the real ones.

use std::path::Path;
use std::time::{Duration, Instant};

use chorus_e2e::fakes::{Answer, FakeApi, SmtpSink};
use chorus_e2e::{
    EMAIL_TOKEN, Reply, SLACK_SECRET, Server, X_SECRET, bearer, cache_dir_line, fixture, http,
    slack_headers, slack_message, target_dir, unix_now, x_headers,
};
use serde_json::{Value, json};

const KEY: &str = "acme-outbound-key";
const SLACK_TOKEN: &str = "xoxb-test-bot-token-5be1";
const X_TOKEN: &str = "x-test-user-token-77d0";

/// Slack's answer to a message it posted.
fn slack_ok() -> Answer {
    Answer::new(
        200,
        r#"{"ok":true,"channel":"C123ABC456","ts":"1700000000.000100"}"#,
    )
}

/// The platforms the server sends to, and the server.
struct World {
    slack: FakeApi,
    x: FakeApi,
    smtp: SmtpSink,
    server: Server,
    _dir: tempfile::TempDir,
}

/// Writes a config whose brand `acme` sends Slack and X replies to the
/// fakes (allowed by the operator's `send_to`) and email to the sink; brand
/// `strict` sends Slack replies to the same fake without allowing it.
fn write_config(dir: &Path, slack: &FakeApi, x: &FakeApi, smtp: &SmtpSink, limits: &str) {
    for (file, value) in [
        ("key", KEY),
        ("slack-secret", SLACK_SECRET),
        ("slack-token", SLACK_TOKEN),
        ("x-secret", X_SECRET),
        ("x-token", X_TOKEN),
        ("email-token", EMAIL_TOKEN),
    ] {
        std::fs::write(dir.join(file), value).expect("write secret");
    }
    let slack_channel = |send_to: &str| {
        format!(
            "[brands.channels.slack]\nplugin = \"chat\"\nconfig = {{ slack-api-url = \"{}/api\" }}\n{send_to}secrets = {{ slack-signing-secret = {{ file = \"slack-secret\" }}, slack-bot-token = {{ file = \"slack-token\" }} }}\n",
            slack.base
        )
    };
    let config = format!(
        "{}listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\n[limits]\nplugin_deadline_ms = 2000\nwork_lease_ms = 1000\nsend_retry_base_ms = 50\n{limits}\n\
         [[brands]]\nid = \"acme\"\nname = \"Acme\"\napi_keys = [{{ file = \"key\" }}]\n{}\
         [brands.channels.x]\nplugin = \"twitter\"\nconfig = {{ x-api-url = \"{}\" }}\nsend_to = [\"127.0.0.1\"]\nsecrets = {{ x-consumer-secret = {{ file = \"x-secret\" }}, x-access-token = {{ file = \"x-token\" }} }}\n\
         [brands.channels.email]\nplugin = \"email\"\nsecrets = {{ webhook-token = {{ file = \"email-token\" }} }}\nmail = {{ smtp = \"{}\", tls = \"none\", from = \"Acme Care <care@acme.example>\" }}\n\
         [[brands]]\nid = \"strict\"\nname = \"Strict\"\napi_keys = [{{ file = \"key\" }}]\n{}",
        cache_dir_line(),
        target_dir().join("plugins").display(),
        slack_channel("send_to = [\"127.0.0.1\"]\n"),
        x.base,
        smtp.address,
        slack_channel(""),
    );
    std::fs::write(dir.join("chorus.toml"), config).expect("write config");
}

impl World {
    fn start(limits: &str) -> Self {
        let slack = FakeApi::start(slack_ok());
        let x = FakeApi::start(Answer::new(
            201,
            r#"{"data":{"id":"1800000000000000001","dm_event_id":"1800000000000000002","text":"ok"}}"#,
        ));
        let smtp = SmtpSink::start();
        let dir = tempfile::tempdir().expect("tempdir");
        write_config(dir.path(), &slack, &x, &smtp, limits);
        let server = Server::start(dir.path());
        Self {
            slack,
            x,
            smtp,
            server,
            _dir: dir,
        }
    }

    fn get(&self, path: &str) -> Reply {
        http("GET", &self.server.url(path), &bearer(KEY), None)
    }

    /// Posts a signed Slack message to `brand` and returns its
    /// conversation once triaged.
    fn slack_conversation(&self, brand: &str, event: &str, ts: &str, text: &str) -> Value {
        let body = slack_message(event, "U0CUSTOMER1", ts, text);
        let headers = slack_headers(&body, SLACK_SECRET, unix_now());
        self.heard(brand, "slack", &headers, &body)
    }

    /// Posts `body` to `brand`'s webhook of `channel` (expecting `200`) and
    /// returns the conversation once triaged.
    fn heard(
        &self,
        brand: &str,
        channel: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Value {
        let url = self
            .server
            .url(&format!("/v1/brands/{brand}/channels/{channel}/events"));
        let posted = http("POST", &url, headers, Some(body));
        assert_eq!(posted.status, 200, "{}", posted.body);
        self.triaged(brand, channel)
    }

    /// The newest conversation of `brand` on `channel`, once its latest
    /// message is triaged.
    fn triaged(&self, brand: &str, channel: &str) -> Value {
        let id = poll(&format!("a conversation on {channel}"), || {
            let inbox = self.get(&format!(
                "/v1/brands/{brand}/conversations?channel={channel}"
            ));
            inbox.json["conversations"]
                .as_array()
                .and_then(|c| c.iter().map(|c| c["id"].as_i64()).max().flatten())
        });
        poll("triage", || {
            let detail = self
                .get(&format!("/v1/brands/{brand}/conversations/{id}"))
                .json;
            let done = detail["messages"]
                .as_array()
                .and_then(|m| m.last())
                .is_some_and(|m| m["status"] == "done");
            done.then_some(detail)
        })
    }

    fn send(&self, brand: &str, conversation: &Value, body: Value) -> Reply {
        let id = conversation["id"].as_i64().expect("conversation id");
        let url = self
            .server
            .url(&format!("/v1/brands/{brand}/conversations/{id}/replies"));
        let mut headers = bearer(KEY);
        headers.push(("content-type".into(), "application/json".into()));
        http("POST", &url, &headers, Some(body.to_string().as_bytes()))
    }

    /// Sends `body` in `conversation` (expecting `202`) and returns the
    /// reply once it settled, with the conversation then.
    fn reply(&self, brand: &str, conversation: &Value, body: Value) -> (Value, Value) {
        let queued = self.send(brand, conversation, body);
        assert_eq!(queued.status, 202, "{}", queued.body);
        assert_eq!(queued.json["status"], "queued");
        self.settled(brand, conversation, queued.json["id"].as_i64().expect("id"))
    }

    /// A customer writes `asks` on `brand`'s Slack (event `event` at `ts`)
    /// and an agent answers `answer`: the reply once it settled.
    fn slack_exchange(
        &self,
        brand: &str,
        (event, ts): (&str, &str),
        asks: &str,
        answer: &str,
    ) -> Value {
        let conversation = self.slack_conversation(brand, event, ts, asks);
        self.reply(brand, &conversation, json!({ "text": answer }))
            .0
    }

    /// The conversation's reply `reply_id` once it is no longer queued.
    fn settled(&self, brand: &str, conversation: &Value, reply_id: i64) -> (Value, Value) {
        let id = conversation["id"].as_i64().expect("conversation id");
        poll("the reply to settle", || {
            let detail = self
                .get(&format!("/v1/brands/{brand}/conversations/{id}"))
                .json;
            let reply = detail["replies"]
                .as_array()?
                .iter()
                .find(|r| r["id"] == reply_id)?
                .clone();
            (reply["status"] != "queued").then_some((reply, detail))
        })
    }
}

/// Polls `f` until it gives a value, for at most 30 s.
fn poll<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(value) = f() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every byte the server stored (the SQLite database and its log).
fn stored_bytes(world: &World) -> Vec<u8> {
    let data = world.server.dir.join("data");
    std::fs::read_dir(&data)
        .expect("data dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("chorus.db"))
        .flat_map(|e| std::fs::read(e.path()).unwrap_or_default())
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_slack_reply_goes_to_its_thread_with_the_token_only_in_the_request() {
    let world = World::start("");
    let conversation = world.slack_conversation(
        "acme",
        "EvOUT1",
        "1700000001.000200",
        "my order 1234 never came, can you check?",
    );
    let suggestion = &conversation["messages"][0]["suggestions"][0];
    let (reply, detail) = world.reply(
        "acme",
        &conversation,
        json!({ "suggestion_id": suggestion["id"] }),
    );
    assert_eq!(reply["status"], "sent", "{reply}");
    assert_eq!(reply["platform_id"], "1700000000.000100");

    let received = world.slack.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let call = &received[0];
    assert_eq!(call.path, "/api/chat.postMessage");
    assert_eq!(
        call.header("authorization"),
        Some(format!("Bearer {SLACK_TOKEN}").as_str())
    );
    assert_eq!(call.json["channel"], "C123ABC456");
    assert_eq!(
        call.json["thread_ts"], "1700000001.000200",
        "threaded under the customer's message"
    );
    assert_eq!(call.json["text"], suggestion["text"]);
    assert_eq!(call.json["text"], reply["text"]);

    // The SLA is met at sending, and the send is the agent's feedback.
    assert!(detail["first_response_at"].is_i64(), "{detail}");
    assert_eq!(detail["overdue"], false);
    assert_eq!(
        detail["messages"][0]["suggestions"][0]["feedback"]["verdict"],
        "accepted"
    );

    // The token is in the request the platform received, nowhere else.
    assert!(!world.server.logs().iter().any(|l| l.contains(SLACK_TOKEN)));
    assert!(!contains(&stored_bytes(&world), SLACK_TOKEN));
    assert!(
        !world
            .x
            .received()
            .iter()
            .any(|r| r.body.contains(SLACK_TOKEN))
    );
}

#[test]
fn an_x_mention_gets_a_reply_post_and_an_email_a_threaded_reply() {
    let world = World::start("");
    let body = std::fs::read(fixture("twitter/aaa-tweet-create-mention.json")).expect("fixture");
    let tweet = world.heard("acme", "x", &x_headers(&body), &body);
    let (reply, _) = world.reply(
        "acme",
        &tweet,
        json!({ "text": "Thanks for the mention. Anything we can help with?" }),
    );
    assert_eq!(reply["status"], "sent", "{reply}");
    assert_eq!(reply["platform_id"], "1800000000000000001");
    let received = world.x.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].path, "/2/tweets");
    assert_eq!(
        received[0].header("authorization"),
        Some(format!("Bearer {X_TOKEN}").as_str())
    );
    assert_eq!(
        received[0].json["reply"]["in_reply_to_tweet_id"],
        "867471067178090496"
    );
    assert_eq!(received[0].json["text"], reply["text"]);
    assert!(!world.server.logs().iter().any(|l| l.contains(X_TOKEN)));
    assert!(!contains(&stored_bytes(&world), X_TOKEN));

    let raw = std::fs::read(fixture("email/plain-text.eml")).expect("fixture");
    let email = world.heard(
        "acme",
        "email",
        &[
            ("content-type".into(), "message/rfc822".into()),
            ("authorization".into(), format!("Bearer {EMAIL_TOKEN}")),
        ],
        &raw,
    );
    let (reply, _) = world.reply(
        "acme",
        &email,
        json!({ "text": "Hi Mikel,\n\nYour test arrived safely.\n\nAcme Care" }),
    );
    assert_eq!(reply["status"], "sent", "{reply}");
    let mails = world.smtp.received();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.to, ["<test@lindsaar.net>"]);
    let id = "<6B7EC235-5B17-4CA8-B2B8-39290DEB43A3@test.lindsaar.net>";
    for header in [
        format!("In-Reply-To: {id}"),
        format!("References: {id}"),
        "Subject: Re: Testing 123".to_owned(),
        "From: \"Acme Care\" <care@acme.example>".to_owned(),
    ] {
        assert!(mail.data.contains(&header), "{header} in {}", mail.data);
    }
    assert_eq!(
        reply["platform_id"].as_str().map(|p| mail.data.contains(p)),
        Some(true)
    );
}

#[test]
fn failures_are_retried_once_each_and_retry_after_is_honoured() {
    let world = World::start("");
    world.slack.script([
        Answer::new(500, r#"{"ok":false}"#),
        Answer::new(500, r#"{"ok":false}"#),
    ]);
    let reply = world.slack_exchange(
        "acme",
        ("EvOUT2", "1700000002.000300"),
        "the app crashes when I open my orders",
        "Sorry about that. Which phone are you on?",
    );
    assert_eq!(reply["status"], "sent", "{reply}");
    assert_eq!(reply["attempts"], 3);
    let statuses: Vec<u16> = world.slack.received().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [500, 500, 200], "sent once, after two failures");

    world.slack.script([
        Answer::new(429, r#"{"ok":false,"error":"ratelimited"}"#).with("Retry-After", "1")
    ]);
    let reply = world.slack_exchange(
        "acme",
        ("EvOUT3", "1700000003.000400"),
        "where do I find my invoice?",
        "It's under Account, then Orders.",
    );
    assert_eq!(reply["status"], "sent", "{reply}");
    let received = world.slack.received();
    let [.., limited, sent] = received.as_slice() else {
        panic!("{received:?}")
    };
    assert_eq!((limited.status, sent.status), (429, 200));
    let waited = sent.at - limited.at;
    assert!(
        waited >= Duration::from_millis(950),
        "Retry-After: 1, waited {waited:?}"
    );
}

#[test]
fn a_host_outside_the_allowlist_is_refused_and_nothing_is_sent() {
    let world = World::start("");
    let reply = world.slack_exchange(
        "strict",
        ("EvOUT4", "1700000004.000500"),
        "is the store open on Sunday?",
        "Yes, from 10 to 4.",
    );
    assert_eq!(reply["status"], "failed", "{reply}");
    let error = reply["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("`127.0.0.1`") && error.contains("slack.com"),
        "the reason names the host and the allowlist: {error}"
    );
    assert_eq!(reply["attempts"], 1, "a refusal is not retried");
    assert!(
        world.slack.received().is_empty(),
        "nothing reached the fake"
    );
}

#[test]
fn bad_reply_requests_get_clear_errors() {
    let world = World::start("");
    let conversation = world.slack_conversation(
        "acme",
        "EvOUT5",
        "1700000005.000600",
        "do you ship to Norway?",
    );
    for (body, status) in [
        (json!({}), 400),
        (json!({ "text": "  " }), 400),
        (json!({ "suggestion_id": 999_999 }), 404),
        (json!({ "text": "ok", "extra": 1 }), 400),
    ] {
        let reply = world.send("acme", &conversation, body.clone());
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert!(reply.json["error"]["message"].is_string(), "{}", reply.body);
    }
    let missing = world.send(
        "acme",
        &json!({ "id": 999_999 }),
        json!({ "text": "hello" }),
    );
    assert_eq!(missing.status, 404, "{}", missing.body);
    let other_brand = world.send("strict", &conversation, json!({ "text": "hello" }));
    assert_eq!(
        other_brand.status, 404,
        "one brand cannot send in another's conversation"
    );

    // A client retrying with its Idempotency-Key queues one reply.
    let id = conversation["id"].as_i64().expect("id");
    let url = world
        .server
        .url(&format!("/v1/brands/acme/conversations/{id}/replies"));
    let mut headers = bearer(KEY);
    headers.push(("content-type".into(), "application/json".into()));
    headers.push(("idempotency-key".into(), "agent-7-click-1".into()));
    let body = json!({ "text": "Yes, we ship to Norway." }).to_string();
    let first = http("POST", &url, &headers, Some(body.as_bytes()));
    let again = http("POST", &url, &headers, Some(body.as_bytes()));
    assert_eq!((first.status, again.status), (202, 202), "{}", again.body);
    assert_eq!(first.json["id"], again.json["id"]);
    world.settled(
        "acme",
        &conversation,
        first.json["id"].as_i64().expect("id"),
    );
    assert_eq!(world.slack.received().len(), 1);
}

#[test]
fn queued_replies_survive_a_kill_and_are_sent_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let slack = FakeApi::start(Answer::new(
        503,
        r#"{"ok":false,"error":"service_unavailable"}"#,
    ));
    let x = FakeApi::start(Answer::new(500, "{}"));
    let smtp = SmtpSink::start();
    write_config(dir.path(), &slack, &x, &smtp, "send_attempts = 1000");
    let mut server = Server::start(dir.path());
    let conversation = {
        let body = slack_message(
            "EvOUT6",
            "U0CUSTOMER1",
            "1700000006.000700",
            "my parcel is late",
        );
        let url = server.url("/v1/brands/acme/channels/slack/events");
        let posted = http(
            "POST",
            &url,
            &slack_headers(&body, SLACK_SECRET, unix_now()),
            Some(&body),
        );
        assert_eq!(posted.status, 200, "{}", posted.body);
        poll("triage", || {
            let inbox = http(
                "GET",
                &server.url("/v1/brands/acme/conversations"),
                &bearer(KEY),
                None,
            );
            let id = inbox.json["conversations"][0]["id"].as_i64()?;
            let detail = http(
                "GET",
                &server.url(&format!("/v1/brands/acme/conversations/{id}")),
                &bearer(KEY),
                None,
            )
            .json;
            (detail["messages"][0]["status"] == "done").then_some(detail)
        })
    };
    let id = conversation["id"].as_i64().expect("id");
    let url = server.url(&format!("/v1/brands/acme/conversations/{id}/replies"));
    let mut headers = bearer(KEY);
    headers.push(("content-type".into(), "application/json".into()));
    let texts: Vec<String> = (1..=10)
        .map(|i| format!("Update {i} on your parcel."))
        .collect();
    for text in &texts {
        let queued = http(
            "POST",
            &url,
            &headers,
            Some(json!({ "text": text }).to_string().as_bytes()),
        );
        assert_eq!(queued.status, 202, "{}", queued.body);
    }
    poll("every reply tried once", || {
        let tried: std::collections::HashSet<String> = slack
            .received()
            .iter()
            .map(|r| r.json["text"].to_string())
            .collect();
        (tried.len() >= texts.len()).then_some(())
    });
    server.kill();

    slack.fall_back_to(slack_ok());
    let server = Server::start(dir.path());
    let detail = poll("all ten sent after the restart", || {
        let detail = http(
            "GET",
            &server.url(&format!("/v1/brands/acme/conversations/{id}")),
            &bearer(KEY),
            None,
        )
        .json;
        let replies = detail["replies"].as_array()?;
        (replies.len() == 10 && replies.iter().all(|r| r["status"] == "sent")).then_some(detail)
    });
    let sent: Vec<String> = slack
        .received()
        .iter()
        .filter(|r| r.status == 200)
        .map(|r| r.json["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    for text in &texts {
        let reply = detail["replies"].as_array().and_then(|r| {
            r.iter().find(|r| {
                r["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(text.as_str()))
            })
        });
        let stored = reply.and_then(|r| r["text"].as_str()).unwrap_or_default();
        assert_eq!(
            sent.iter().filter(|s| s.as_str() == stored).count(),
            1,
            "{text:?} is sent exactly once: {sent:?}"
        );
    }
    assert_eq!(sent.len(), 10);
}
