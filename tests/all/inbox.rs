//! The agent inbox, in a real browser: Debian's `chromium`, driven through
//! `chromedriver`. An agent signs in, sees a Slack message arrive without
//! reloading, reads its triage, edits a suggestion while the voice linter
//! speaks up, sends it to a fake Slack and resolves the conversation;
//! another brand's agent sees none of it; a forged CSRF token and an ended
//! session are refused.
//!
//! Without chromium and chromedriver the test prints a loud SKIPPED line;
//! with `CHORUS_REQUIRE_BROWSER=1` (as `.ci/run` sets) it fails instead.
//! `CHORUS_UPDATE_SCREENSHOTS=1` writes its screenshots to `docs/`.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chorus_e2e::fakes::{Answer, FakeApi};
use chorus_e2e::{
    SLACK_SECRET, Server, cache_dir_line, chorus, http, root, slack_headers, slack_message,
    target_dir, unix_now,
};
use fantoccini::{Client, ClientBuilder, Locator};

const PASSWORD: &str = "correct horse battery staple";

/// chromedriver, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver on a free port, or `None` (SKIPPED, or a failure when the
/// browser is required) when chromium or chromedriver is missing.
fn driver() -> Option<Driver> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromedriver"]
        .iter()
        .all(|p| Path::new(p).exists());
    if !found {
        let required = std::env::var("CHORUS_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "CHORUS_REQUIRE_BROWSER=1 but chromium or chromedriver is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "\n\n==== SKIPPED: the inbox's browser test (no /usr/bin/chromium or /usr/bin/chromedriver; `cargo xtask test` installs them) ====\n"
        );
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver listens");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver { child, url })
}

/// A headless chromium session.
async fn browser(driver: &Driver, profile: &Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1400",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

/// A server whose brands `acme` (acme's voice) and `globex` each have a
/// Slack channel sending to `slack`, and one agent each.
fn start(dir: &Path, slack: &FakeApi) -> Server {
    for (file, value) in [
        ("acme-key", "acme-inbox-key"),
        ("globex-key", "globex-inbox-key"),
        ("slack-secret", SLACK_SECRET),
        ("slack-token", "xoxb-inbox-test"),
        ("password", PASSWORD),
    ] {
        std::fs::write(dir.join(file), value).expect("write");
    }
    let channel = format!(
        "[brands.channels.slack]\nplugin = \"chat\"\nconfig = {{ slack-api-url = \"{}/api\" }}\nsend_to = [\"127.0.0.1\"]\nsecrets = {{ slack-signing-secret = {{ file = \"slack-secret\" }}, slack-bot-token = {{ file = \"slack-token\" }} }}\n",
        slack.base
    );
    let config = format!(
        "{}listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\n[limits]\nplugin_deadline_ms = 2000\nsend_retry_base_ms = 50\n\
         [[brands]]\nid = \"acme\"\nname = \"Acme Outdoor\"\nvoice_file = \"{}\"\napi_keys = [{{ file = \"acme-key\" }}]\n{channel}\
         [[brands]]\nid = \"globex\"\nname = \"Globex\"\napi_keys = [{{ file = \"globex-key\" }}]\n{channel}",
        cache_dir_line(),
        target_dir().join("plugins").display(),
        root().join("examples/brands/acme/voice.toml").display(),
    );
    let path = dir.join("chorus.toml");
    std::fs::write(&path, config).expect("config");
    for (brand, email, name) in [
        ("acme", "ana@acme.example", "Ana Ruiz"),
        ("globex", "gus@globex.example", "Gus Lee"),
    ] {
        let added = chorus(&[
            "agent",
            "add",
            "--config",
            path.to_str().expect("UTF-8"),
            "--brand",
            brand,
            "--email",
            email,
            "--name",
            name,
            "--password-file",
            dir.join("password").to_str().expect("UTF-8"),
        ]);
        assert!(added.status.success(), "{added:?}");
    }
    Server::start(dir)
}

async fn sign_in(client: &Client, server: &Server, brand: &str, email: &str) {
    client.goto(&server.url("/inbox")).await.expect("goto");
    // Not signed in: the sign-in form.
    client
        .find(Locator::Id("brand"))
        .await
        .expect("the form")
        .send_keys(brand)
        .await
        .expect("type");
    client
        .find(Locator::Id("email"))
        .await
        .expect("email")
        .send_keys(email)
        .await
        .expect("type");
    let password = client
        .find(Locator::Id("password"))
        .await
        .expect("password");
    password.send_keys(PASSWORD).await.expect("type");
    client
        .find(Locator::Css("form.login button"))
        .await
        .expect("button")
        .click()
        .await
        .expect("sign in");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#queue"))
        .await
        .expect("the queue after signing in");
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let dir = target_dir().join("screenshots");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join(name), &png).expect("write");
    if std::env::var("CHORUS_UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(root().join("docs").join(name), &png).expect("write docs");
    }
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .expect(css)
        .click()
        .await
        .expect("click");
}

/// Types `text` into the field `id` and submits its form. A live update
/// may render the form again meanwhile (the field found goes stale): then
/// it is found again, empty, and typed into afresh.
async fn type_and_submit(client: &Client, id: &str, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = async {
            let field = client.find(Locator::Id(id)).await?;
            field.send_keys(text).await?;
            field
                .find(Locator::XPath("./ancestor::form//button[@type='submit']"))
                .await?
                .click()
                .await
        };
        match attempt.await {
            Ok(()) => return,
            Err(error) => assert!(
                Instant::now() < deadline,
                "could not type into #{id} and submit: {error}"
            ),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the elements `css` match satisfy `done`.
async fn until(client: &Client, what: &str, css: &str, done: impl Fn(usize) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = client
            .find_all(Locator::Css(css))
            .await
            .expect("find")
            .len();
        if done(found) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what} ({found} found)"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the element `css` matches reads `want`. The conversation
/// is rendered again after an action and on live updates, so an element
/// found may be replaced before it is read: each poll finds it afresh, and
/// a stale element is read again at the next one.
async fn until_text(client: &Client, what: &str, css: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let read = match client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.ok(),
            Err(_) => None,
        };
        if read.as_deref() == Some(want) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what} to read {want:?} (last read {read:?})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_works_a_conversation_from_arrival_to_resolution_in_a_real_browser() {
    let Some(driver) = driver() else { return };
    let slack = FakeApi::start(Answer::new(
        200,
        r#"{"ok":true,"channel":"C123ABC456","ts":"1700000000.000900"}"#,
    ));
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(dir.path(), &slack);
    let profile = tempfile::tempdir().expect("profile");
    let client = browser(&driver, profile.path()).await;

    // 1. An agent signs in.
    sign_in(&client, &server, "acme", "ana@acme.example").await;
    assert!(
        client
            .source()
            .await
            .expect("source")
            .contains("Signed in as Ana Ruiz")
    );

    // 2. A signed Slack event appears in the queue within 2 s, without reload.
    let body = slack_message(
        "EvINBOX1",
        "U0ANA0CUSTOMER",
        "1700000009.000100",
        "The zip on my new jacket broke after two days. What are my options?",
    );
    let posted = http(
        "POST",
        &server.url("/v1/brands/acme/channels/slack/events"),
        &slack_headers(&body, SLACK_SECRET, unix_now()),
        Some(&body),
    );
    assert_eq!(posted.status, 200, "{}", posted.body);
    let arrived = Instant::now();
    until(&client, "the message in the queue", "tr.row", |n| n == 1).await;
    assert!(
        arrived.elapsed() < Duration::from_secs(2),
        "{:?}",
        arrived.elapsed()
    );
    screenshot(&client, "inbox-queue.png").await;

    // 3. It opens; triage reasons and three ranked suggestions show.
    client
        .find(Locator::Css("tr.row a"))
        .await
        .expect("the row's link")
        .click()
        .await
        .expect("open");
    until(&client, "the triage reasons", "#triage .reasons li", |n| {
        n > 0
    })
    .await;
    until(&client, "three suggestions", "li.suggestion", |n| n == 3).await;
    screenshot(&client, "inbox-conversation.png").await;

    // Editing: a banned phrase is flagged as it is typed, and the flag goes
    // when it is taken out.
    client
        .find(Locator::Css("button[data-use]"))
        .await
        .expect("use")
        .click()
        .await
        .expect("use the first suggestion");
    let editor = client
        .find(Locator::Id("reply-text"))
        .await
        .expect("editor");
    let chosen = editor
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert!(!chosen.is_empty());
    editor
        .send_keys(" As per our policy, no refunds.")
        .await
        .expect("type");
    until(
        &client,
        "the lint violation",
        "#lint li.violation.hard",
        |n| n > 0,
    )
    .await;
    screenshot(&client, "inbox-editor.png").await;
    let flagged = client
        .find(Locator::Css("#lint li.violation.hard"))
        .await
        .expect("violation");
    assert!(
        flagged
            .text()
            .await
            .expect("text")
            .to_lowercase()
            .contains("as per our policy")
    );
    editor.clear().await.expect("clear");
    editor.send_keys(&chosen).await.expect("type");
    until(
        &client,
        "the violation to go",
        "#lint li.violation.hard",
        |n| n == 0,
    )
    .await;
    assert!(
        client
            .find(Locator::Id("counter"))
            .await
            .expect("counter")
            .text()
            .await
            .expect("text")
            .contains("/ 4000")
    );

    // 4. Sending (confirmed) delivers to the fake Slack; the page shows "sent".
    client
        .find(Locator::Id("send"))
        .await
        .expect("send")
        .click()
        .await
        .expect("send");
    client.accept_alert().await.expect("confirm the send");
    until(&client, "the sent reply", "li.reply.sent", |n| n == 1).await;
    let received = slack.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].json["thread_ts"], "1700000009.000100");

    // Working it: assign to self, a label, a note for colleagues; the
    // queue filters by label and assignee.
    click(&client, "#take").await;
    until_text(&client, "the assignment", "#assignee", "Ana Ruiz").await;
    type_and_submit(&client, "label", "Zip repair").await;
    until(&client, "the label", "#labels .label", |n| n == 1).await;
    type_and_submit(
        &client,
        "note",
        "Customer is travelling Saturday; courier it.",
    )
    .await;
    until(&client, "the note", "#notes li", |n| n == 1).await;
    let working = client.current_url().await.expect("url");
    for filter in ["label=zip-repair", "assignee=me"] {
        client
            .goto(&server.url(&format!("/inbox?{filter}")))
            .await
            .expect("goto");
        until(&client, filter, "tr.row", |n| n == 1).await;
    }
    client
        .goto(&server.url("/inbox?assignee=none"))
        .await
        .expect("goto");
    until(&client, "nothing unassigned", "tr.row", |n| n == 0).await;
    client.goto(working.as_str()).await.expect("back");

    // 5. The agent resolves it.
    client
        .find(Locator::Id("resolve"))
        .await
        .expect("resolve")
        .click()
        .await
        .expect("resolve");
    until(&client, "resolved", "#resolve[disabled]", |n| n == 1).await;
    let conversation = client.current_url().await.expect("url");
    let cookie = client
        .get_named_cookie("chorus_inbox")
        .await
        .expect("the session cookie")
        .value()
        .to_owned();

    // 7. A forged CSRF token is refused; an ended session is sent to sign in.
    let with_cookie = vec![
        ("cookie".to_owned(), format!("chorus_inbox={cookie}")),
        (
            "content-type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        ),
    ];
    let forged = http(
        "POST",
        &format!("{conversation}/resolve"),
        &with_cookie,
        Some(b"csrf=forged"),
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    client
        .find(Locator::Css("header form button"))
        .await
        .expect("sign out")
        .click()
        .await
        .expect("sign out");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("password"))
        .await
        .expect("signed out");
    let ended = http("GET", &server.url("/inbox"), &with_cookie, None);
    assert!(
        ended.body.contains("Sign in to the inbox"),
        "{}",
        ended.body
    );

    // 6. A second brand's agent sees none of it.
    sign_in(&client, &server, "globex", "gus@globex.example").await;
    assert_eq!(
        client
            .find_all(Locator::Css("tr.row"))
            .await
            .expect("rows")
            .len(),
        0
    );
    client.goto(conversation.as_str()).await.expect("goto");
    assert!(
        !client
            .source()
            .await
            .expect("source")
            .contains("zip on my new jacket"),
        "another brand's conversation"
    );

    client.close().await.expect("close");
}
