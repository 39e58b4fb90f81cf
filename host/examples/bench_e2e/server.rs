//! `chorus serve` from the release binary, in a temporary directory: one
//! or many brands with the example brand's voice, each with the Slack, X
//! and email plugins (the first with the example's listening rules too),
//! SQLite with the durable ledger. A child process, so that its CPU time is the
//! server's alone (the load generator and the completion poller are not
//! in it).

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

use super::events::SECRET;

/// What a server is started with.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// A database URL; `None`: SQLite in the server's own directory.
    pub storage: Option<&'a str>,
    /// Brands, each with the three plugins (Slack, X, email): `acme`, then
    /// `brand0001`, `brand0002`, ...
    pub brands: usize,
    /// Threads running plugin code (`limits.plugin_threads`), each of
    /// which one brand may use (`limits.brand_concurrency`); `None`: the
    /// defaults (one thread per core, a brand half of them).
    pub plugin_threads: Option<usize>,
    /// The plugin cache (`cache_dir`), shared by the servers of a run so
    /// that only the first start compiles; `None`: the server's own, new.
    pub cache: Option<&'a Path>,
}

impl Default for Setup<'_> {
    fn default() -> Self {
        Self {
            storage: None,
            brands: 1,
            plugin_threads: None,
            cache: None,
        }
    }
}

/// The id of brand number `n` of a [`Setup`].
pub fn brand_id(n: usize) -> String {
    match n {
        0 => "acme".to_owned(),
        n => format!("brand{n:04}"),
    }
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
    /// Its database's URL.
    pub database: String,
    binary: PathBuf,
    dir: tempfile::TempDir,
}

impl Server {
    /// Writes the configuration and starts `binary` on it; returns once it
    /// announces its address.
    pub fn start(
        binary: &Path,
        root: &Path,
        plugins: &Path,
        setup: Setup<'_>,
    ) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("slack-secret"), SECRET)?;
        std::fs::write(dir.path().join("x-secret"), "bench-x-consumer-secret")?;
        std::fs::write(dir.path().join("email-token"), "bench-email-webhook-token")?;
        let database = setup.storage.map_or_else(
            || format!("sqlite://{}", dir.path().join("data/chorus.db").display()),
            str::to_owned,
        );
        let mut config = format!(
            "listen = \"127.0.0.1:0\"\ndata_dir = \"data\"\nstorage_url = \"{database}\"\nplugins_dir = \"{}\"\n",
            plugins.display()
        );
        if let Some(cache) = setup.cache {
            config.push_str(&format!("cache_dir = \"{}\"\n", cache.display()));
        }
        if let Some(threads) = setup.plugin_threads {
            config.push_str(&format!(
                "[limits]\nplugin_threads = {threads}\nbrand_concurrency = {threads}\n"
            ));
        }
        let voice = root.join("examples/brands/acme/voice.toml");
        for n in 0..setup.brands.max(1) {
            config.push_str(&brand(&brand_id(n), &voice));
        }
        std::fs::write(dir.path().join("chorus.toml"), config)?;
        let (child, address) = spawn(binary, dir.path())?;
        Ok(Self {
            child,
            address,
            database,
            binary: binary.to_owned(),
            dir,
        })
    }

    /// Stops the server and starts it again on the same directory (its
    /// database and its plugin cache); returns once it announces its
    /// address.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (child, address) = spawn(&self.binary, self.dir.path())?;
        self.child = child;
        self.address = address;
        Ok(())
    }

    /// The server's resident set size now, in KiB (`VmRSS`).
    pub fn rss_kib(&self) -> anyhow::Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
            .context("/proc status has no VmRSS")
    }

    /// The server's CPU time so far (user and system, all threads), from
    /// `/proc/<pid>/stat`.
    pub fn cpu_time(&self) -> anyhow::Result<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))?;
        // The fields after the command name (which may hold spaces), from
        // the 3rd: utime is the 14th field, stime the 15th, in clock ticks.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        let ticks = |n: usize| -> anyhow::Result<u64> {
            Ok(fields
                .get(n - 3)
                .with_context(|| format!("/proc stat has no field {n}"))?
                .parse()?)
        };
        // SAFETY: sysconf reads a constant of the system; it has no preconditions.
        let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
        anyhow::ensure!(per_second > 0, "no clock tick rate");
        Ok(Duration::from_secs_f64(
            (ticks(14)? + ticks(15)?) as f64 / per_second as f64,
        ))
    }

    /// The end of the server's log, for errors.
    pub fn log(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
        let start = log.len().saturating_sub(2_000);
        log.get(start..).unwrap_or_default().to_owned()
    }
}

/// One brand's configuration: the acme voice, and the three plugins on
/// channels `slack`, `x` and `email`; the first brand has acme's listening
/// rules too.
fn brand(id: &str, voice: &Path) -> String {
    let rules = if id == "acme" {
        r#"outage_burst = { reports = 5, minutes = 10 }
[[brands.listening]]
name = "competitors"
match = 'globex OR initech'
label = "competitor"
[[brands.listening]]
name = "warranty"
match = 'warranty OR guarantee OR "lifetime repair"'
label = "warranty"
intent = "warranty"
"#
    } else {
        ""
    };
    format!(
        r#"
[[brands]]
id = "{id}"
name = "Acme Outdoor"
own_accounts = ["U0ACMEBOT"]
voice_file = "{voice}"
sla = {{ urgent = 15, high = 60, normal = 240, low = 1440 }}
{rules}[brands.channels.slack]
plugin = "chat"
config = {{ bot-user-id = "U0ACMEBOT" }}
secrets = {{ slack-signing-secret = {{ file = "slack-secret" }} }}
[brands.channels.x]
plugin = "twitter"
config = {{ own-user-ids = "2244994945" }}
secrets = {{ x-consumer-secret = {{ file = "x-secret" }} }}
[brands.channels.email]
plugin = "email"
secrets = {{ webhook-token = {{ file = "email-token" }} }}
"#,
        voice = voice.display()
    )
}

/// Starts `binary serve` on `dir/chorus.toml`; the child and the address
/// it announces.
fn spawn(binary: &Path, dir: &Path) -> anyhow::Result<(Child, SocketAddr)> {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("server.log"))?;
    let mut command = Command::new(binary);
    command
        .args(["serve", "--config"])
        .arg(dir.join("chorus.toml"))
        .env_remove("CHORUS_LOG")
        .stdout(Stdio::piped())
        .stderr(log);
    let mut child = command
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let stdout = child.stdout.take().context("stdout is piped")?;
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(base) = line.strip_prefix("chorus listening on http://") {
                let _ = sender.send(base.to_owned());
            }
        }
    });
    match receiver.recv_timeout(Duration::from_secs(300)) {
        Ok(address) => Ok((child, address.parse()?)),
        Err(_) => {
            let _ = child.kill();
            let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            let tail = log
                .get(log.len().saturating_sub(2_000)..)
                .unwrap_or_default();
            anyhow::bail!("the server did not start: {tail}")
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
