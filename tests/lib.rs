//! Helpers for the end-to-end tests: where the built `chorus` binary and
//! components are, and how to run them.
//!
//! Everything here expects `cargo xtask build` (or `cargo xtask test`) to have
//! built the components; a missing file fails with that instruction.

pub mod fakes;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus_host::runtime::{InMemoryServices, Limits, LoadedPlugin, Runtime, RuntimeConfig};
use chorus_host::store::sql::testing::PostgresSchema;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn built(path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{} is missing: run `cargo xtask build` (or `cargo xtask test`) first",
        path.display()
    );
    path
}

/// A shipped plugin component, `target/plugins/<name>.wasm`.
pub fn plugin(name: &str) -> PathBuf {
    built(target_dir().join("plugins").join(format!("{name}.wasm")))
}

/// A plugin written in Python, `target/plugins/<name>.wasm`, when `cargo
/// xtask build` could build it (it needs Python 3 and PyPI); `None`, and the
/// test is skipped loudly, when it could not, unless
/// `CHORUS_REQUIRE_PYTHON=1`, which fails the test instead.
pub fn python_plugin(name: &str) -> Option<PathBuf> {
    let path = target_dir().join("plugins").join(format!("{name}.wasm"));
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CHORUS_REQUIRE_PYTHON").as_deref() != Ok("1"),
        "{} is missing and CHORUS_REQUIRE_PYTHON=1: run `cargo xtask build` on a machine with python3 and PyPI",
        path.display()
    );
    eprintln!(
        "SKIPPED: {} is missing (cargo xtask build needs python3 and PyPI to build it)",
        path.display()
    );
    None
}

/// A test-only guest component, `target/test-guests/<name>.wasm`.
pub fn test_guest(name: &str) -> PathBuf {
    built(
        target_dir()
            .join("test-guests")
            .join(format!("{name}.wasm")),
    )
}

/// A fixture file under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    root().join("tests/fixtures").join(relative)
}

/// The pre-initialization cache shared by the tests.
pub fn cache_dir() -> PathBuf {
    target_dir().join("test-cache")
}

/// The `cache_dir` line of a server config that shares [`cache_dir`]: each
/// plugin is compiled and pre-initialized once for the whole suite, not once
/// per server.
pub fn cache_dir_line() -> String {
    format!("cache_dir = {:?}\n", cache_dir().display().to_string())
}

/// Runs the real `chorus` binary with `args`.
pub fn chorus(args: &[&str]) -> Output {
    chorus_command(args)
        .output()
        .expect("the chorus binary runs")
}

/// Like [`chorus`] for a command that should exit by itself (a server that
/// must refuse to start): killed, and the test failed with its stderr, if it
/// still runs after `deadline`.
pub fn chorus_within(args: &[&str], deadline: Duration) -> Output {
    let mut child = chorus_command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the chorus binary runs");
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chorus") {
            break status;
        }
        if started.elapsed() > deadline {
            child.kill().expect("kill chorus");
            child.wait().expect("wait for chorus");
            let stderr = stderr.join().expect("stderr");
            panic!(
                "`chorus {}` still ran after {deadline:?}; its stderr:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    }
}

/// Reads `pipe` to its end on a thread of its own.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            pipe.read_to_end(&mut bytes)
                .expect("read the child's output");
        }
        bytes
    })
}

/// The `chorus` binary with the shared cache and no log filter.
fn chorus_command(args: &[&str]) -> Command {
    let mut command = Command::new(built(target_dir().join("debug").join("chorus")));
    command
        .args(args)
        .current_dir(root())
        .env("CHORUS_CACHE_DIR", cache_dir())
        .env_remove("CHORUS_LOG");
    command
}

/// A runtime with `limits` and the shared cache.
pub fn runtime(limits: Limits) -> Runtime {
    Runtime::new(RuntimeConfig {
        limits,
        cache_dir: Some(cache_dir()),
        max_concurrent_instances: 4,
        ..RuntimeConfig::default()
    })
    .expect("runtime starts")
}

/// Loads a component with `limits`.
pub async fn load(path: &Path, limits: Limits) -> LoadedPlugin {
    runtime(limits)
        .load_file(path)
        .await
        .unwrap_or_else(|e| panic!("{} loads: {e}", path.display()))
}

/// Host services with nothing configured.
pub fn no_services() -> Arc<InMemoryServices> {
    Arc::new(InMemoryServices::new())
}

/// The shared secret the test servers' Slack channels are configured with.
pub const SLACK_SECRET: &str = "test-slack-signing-secret";

/// The consumer secret the test servers' X channels are configured with.
pub const X_SECRET: &str = "test-x-consumer-secret";

/// The token the test servers' email channels take as `Authorization:
/// Bearer` or `?token=` (raw MIME posts, SendGrid).
pub const EMAIL_TOKEN: &str = "test-email-webhook-token";

/// The Mailgun webhook signing key the test servers' email channels have.
pub const MAILGUN_KEY: &str = "test-mailgun-signing-key";

/// A `chorus serve` process on a random port, with its own data directory.
/// Killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The directory holding the config, keys and data.
    pub dir: PathBuf,
    logs: Arc<std::sync::Mutex<Vec<String>>>,
}

/// Brands of the test config: (id, API key).
pub const BRANDS: &[(&str, &str)] = &[("acme", "acme-test-key"), ("globex", "globex-test-key")];

/// The admin key of the test config.
pub const ADMIN_KEY: &str = "admin-test-key";

/// The storage backend a test server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite in the server's data directory.
    Sqlite,
    /// A PostgreSQL schema of the test's own (see [`PostgresSchema`]).
    Postgres,
}

/// A test server's database. Keep it until the server is gone: a
/// PostgreSQL schema is dropped with it.
#[derive(Debug)]
pub struct Storage {
    schema: Option<PostgresSchema>,
}

impl Storage {
    /// Storage on `backend`; `None` when PostgreSQL is asked for and no
    /// server answers (the test is skipped, loudly; it fails instead when
    /// `CHORUS_REQUIRE_POSTGRES=1`).
    pub fn on(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => Some(Self { schema: None }),
            Backend::Postgres => PostgresSchema::create().map(|schema| Self {
                schema: Some(schema),
            }),
        }
    }

    /// The database URL (none: the default SQLite file).
    pub fn url(&self) -> Option<&str> {
        self.schema.as_ref().map(PostgresSchema::url)
    }

    /// The config line naming the database (none: the default SQLite file).
    fn config_line(&self) -> String {
        self.schema
            .as_ref()
            .map(|schema| format!("storage_url = \"{}\"\n", schema.url()))
            .unwrap_or_default()
    }
}

/// Writes a server config for two brands, each with a Slack, an X and an
/// email channel.
pub fn write_server_config(dir: &Path) {
    write_server_config_with(dir, "");
}

/// Like [`write_server_config`], with extra lines for the `[limits]` table.
pub fn write_server_config_with(dir: &Path, limits: &str) {
    write_server_config_on(dir, &Storage { schema: None }, limits);
}

/// Like [`write_server_config_with`], storing in `storage`.
pub fn write_server_config_on(dir: &Path, storage: &Storage, limits: &str) {
    std::fs::write(dir.join("slack-secret"), SLACK_SECRET).expect("write secret");
    std::fs::write(dir.join("x-secret"), X_SECRET).expect("write secret");
    std::fs::write(dir.join("email-token"), EMAIL_TOKEN).expect("write secret");
    std::fs::write(dir.join("mailgun-key"), MAILGUN_KEY).expect("write secret");
    std::fs::write(dir.join("admin-key"), ADMIN_KEY).expect("write key");
    let mut config = format!(
        "{}{}listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\nadmin_key = {{ file = \"admin-key\" }}\n[limits]\nbody_bytes = 65536\nplugin_deadline_ms = 2000\n{limits}\n",
        storage.config_line(),
        cache_dir_line(),
        target_dir().join("plugins").display()
    );
    for (brand, key) in BRANDS {
        std::fs::write(dir.join(format!("{brand}-key")), key).expect("write key");
        config.push_str(&format!(
            "[[brands]]\nid = \"{brand}\"\nname = \"{brand}\"\napi_keys = [{{ file = \"{brand}-key\" }}]\n[[brands.listening]]\nname = \"bbc-mention\"\nmatch = 'bbc AND NOT \"bbc sport\"'\nlabel = \"brand-mention\"\npriority = \"high\"\n[brands.channels.slack]\nplugin = \"chat\"\nsecrets = {{ slack-signing-secret = {{ file = \"slack-secret\" }} }}\n[brands.channels.x]\nplugin = \"twitter\"\nsecrets = {{ x-consumer-secret = {{ file = \"x-secret\" }} }}\n[brands.channels.email]\nplugin = \"email\"\nsecrets = {{ webhook-token = {{ file = \"email-token\" }}, mailgun-signing-key = {{ file = \"mailgun-key\" }} }}\n"
        ));
    }
    std::fs::write(dir.join("chorus.toml"), config).expect("write config");
}

impl Server {
    /// Starts `chorus serve` on the config in `dir` and waits until it listens.
    pub fn start(dir: &Path) -> Self {
        use std::io::BufRead;
        let binary = built(target_dir().join("debug").join("chorus"));
        let mut child = Command::new(binary)
            .args(["serve", "--config"])
            .arg(dir.join("chorus.toml"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("chorus serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let logs = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = logs.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                eprintln!("{line}");
                if let Ok(mut logs) = sink.lock() {
                    logs.push(line);
                }
            }
        });
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if let Some(base) = line.strip_prefix("chorus listening on ") {
                    let _ = sender.send(base.to_owned());
                }
            }
        });
        let base = receiver
            .recv_timeout(Duration::from_secs(120))
            .expect("the server prints its address");
        Self {
            child,
            base,
            dir: dir.to_path_buf(),
            logs,
        }
    }

    /// The lines the server has logged so far (its stderr).
    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Kills the process with SIGKILL: no shutdown, no flushing.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Sends SIGTERM and waits for a graceful exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        // SAFETY: kill(2) with a pid we own and a valid signal number.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        self.child.wait().expect("the server exits")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Starts a server on [`write_server_config`]'s config in a fresh directory.
pub fn start_server() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_server_config(dir.path());
    let server = Server::start(dir.path());
    (dir, server)
}

/// Starts a server on [`write_server_config`]'s config in a fresh
/// directory, storing on `backend`; `None` when that backend is skipped
/// (see [`Storage::on`]). Drop the server before the storage.
pub fn start_server_on(backend: Backend) -> Option<(tempfile::TempDir, Storage, Server)> {
    let storage = Storage::on(backend)?;
    let dir = tempfile::tempdir().expect("tempdir");
    write_server_config_on(dir.path(), &storage, "");
    let server = Server::start(dir.path());
    Some((dir, storage, server))
}

/// Starts `chorus serve` with one brand whose only channel is `channel`
/// running `plugin` with no secrets; expects it to refuse to start, and
/// returns its stderr.
pub fn refused_at_start(channel: &str, plugin: &str) -> String {
    refused_at_start_with(channel, plugin, "")
}

/// Like [`refused_at_start`], with `settings` (TOML lines) added to the
/// channel's table.
pub fn refused_at_start_with(channel: &str, plugin: &str, settings: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = format!(
        "listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\n[[brands]]\nid = \"acme\"\nname = \"Acme\"\n[brands.channels.{channel}]\nplugin = \"{plugin}\"\n{settings}\n",
        target_dir().join("plugins").display()
    );
    let path = dir.path().join("chorus.toml");
    std::fs::write(&path, config).expect("write");
    let output = chorus_within(
        &["serve", "--config", path.to_str().expect("UTF-8")],
        Duration::from_secs(120),
    );
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The API key of brand `lab` in [`start_hostile_server`].
pub const LAB_KEY: &str = "lab-key";

/// Starts a server with one brand, `lab` (acme's voice), whose channel
/// `hostile` runs the hostile test guest; the admin key is [`ADMIN_KEY`].
pub fn start_hostile_server() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("key"), LAB_KEY).expect("key");
    std::fs::write(dir.path().join("admin-key"), ADMIN_KEY).expect("key");
    let voice = root().join("examples/brands/acme/voice.toml");
    std::fs::write(
        dir.path().join("chorus.toml"),
        format!(
            "{}listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\nadmin_key = {{ file = \"admin-key\" }}\n[limits]\nplugin_deadline_ms = 2000\n[[brands]]\nid = \"lab\"\nname = \"Lab\"\nvoice_file = \"{}\"\napi_keys = [{{ file = \"key\" }}]\n[brands.channels.hostile]\nplugin = \"hostile\"\n",
            cache_dir_line(),
            target_dir().join("test-guests").display(),
            voice.display()
        ),
    )
    .expect("config");
    let server = Server::start(dir.path());
    (dir, server)
}

/// A Slack message from `user` starting thread `ts`.
pub fn slack_message(event_id: &str, user: &str, ts: &str, text: &str) -> Vec<u8> {
    let template = std::fs::read_to_string(fixture("slack/message-channel.json")).expect("fixture");
    template
        .replace("Ev123ABC456", event_id)
        .replace("U123ABC456", user)
        .replace("1355517523.000005", ts)
        .replace("Live long and prospect.", text)
        .into_bytes()
}

/// Slack `v0` headers for `body`, signed now with [`SLACK_SECRET`] (or
/// `secret`), at `timestamp` seconds.
pub fn slack_headers(body: &[u8], secret: &str, timestamp: i64) -> Vec<(String, String)> {
    let mut base = format!("v0:{timestamp}:").into_bytes();
    base.extend_from_slice(body);
    let mac = chorus_host::runtime::services::hmac_sha256(secret.as_bytes(), &base);
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        (
            "x-slack-request-timestamp".to_owned(),
            timestamp.to_string(),
        ),
        ("x-slack-signature".to_owned(), format!("v0={hex}")),
    ]
}

/// The current Unix time in seconds.
pub fn unix_now() -> i64 {
    chorus_host::clock::now() / 1000
}

/// An HTTP response as the tests see it.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// Body parsed as JSON (`Null` when it is not JSON).
    pub json: serde_json::Value,
    /// Raw body.
    pub body: String,
}

/// Sends a request; 4xx and 5xx are answers, not errors.
pub fn http(method: &str, url: &str, headers: &[(String, String)], body: Option<&[u8]>) -> Reply {
    let mut request = ureq::request(method, url).timeout(std::time::Duration::from_secs(30));
    for (name, value) in headers {
        request = request.set(name, value);
    }
    let result = match body {
        Some(body) => request.send_bytes(body),
        None => request.call(),
    };
    let response = match result {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{method} {url}: {error}"),
    };
    let status = response.status();
    let headers = response
        .headers_names()
        .into_iter()
        .filter_map(|name| {
            response
                .header(&name)
                .map(|v| (name.to_lowercase(), v.to_owned()))
        })
        .collect();
    let body = response.into_string().unwrap_or_default();
    Reply {
        status,
        headers,
        json: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
        body,
    }
}

/// `Authorization: Bearer <key>`.
pub fn bearer(key: &str) -> Vec<(String, String)> {
    vec![("authorization".to_owned(), format!("Bearer {key}"))]
}

/// `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>`
/// with [`X_SECRET`].
pub fn x_headers(body: &[u8]) -> Vec<(String, String)> {
    x_headers_with(body, X_SECRET)
}

/// Like [`x_headers`], with the consumer secret `secret`.
pub fn x_headers_with(body: &[u8], secret: &str) -> Vec<(String, String)> {
    use base64::Engine;
    let mac = chorus_host::runtime::services::hmac_sha256(secret.as_bytes(), body);
    vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        (
            "x-twitter-webhooks-signature".to_owned(),
            format!(
                "sha256={}",
                base64::engine::general_purpose::STANDARD.encode(mac)
            ),
        ),
    ]
}

/// The value of attribute `key` of the first message of a listen outcome
/// (empty when absent).
pub fn first_attribute(outcome: &chorus_host::model::ListenOutcome, key: &str) -> String {
    match outcome {
        chorus_host::model::ListenOutcome::Messages(messages) => messages
            .first()
            .and_then(|m| m.attributes.iter().find(|a| a.key == key))
            .map(|a| a.value.clone())
            .unwrap_or_default(),
        other => panic!("expected messages, got {other:?}"),
    }
}
