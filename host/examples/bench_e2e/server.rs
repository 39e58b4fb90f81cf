//! `chorus serve` from the release binary, in a temporary directory: the
//! example brand's voice and listening rules, one Slack channel, SQLite
//! with the durable ledger. A child process, so that its CPU time is the
//! server's alone (the load generator and the completion poller are not
//! in it).

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

use super::events::SECRET;

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
    /// Its database's URL.
    pub database: String,
    dir: tempfile::TempDir,
}

impl Server {
    /// Writes the configuration and starts `binary` on it, storing at
    /// `storage` (a database URL; `None`: SQLite in its own directory);
    /// returns once it announces its address.
    pub fn start(
        binary: &Path,
        root: &Path,
        plugins: &Path,
        storage: Option<&str>,
    ) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("slack-secret"), SECRET)?;
        let database = storage.map_or_else(
            || format!("sqlite://{}", dir.path().join("data/chorus.db").display()),
            str::to_owned,
        );
        let config = format!(
            r#"listen = "127.0.0.1:0"
data_dir = "data"
storage_url = "{database}"
plugins_dir = "{plugins}"

[[brands]]
id = "acme"
name = "Acme Outdoor"
own_accounts = ["U0ACMEBOT"]
voice_file = "{voice}"
sla = {{ urgent = 15, high = 60, normal = 240, low = 1440 }}
outage_burst = {{ reports = 5, minutes = 10 }}
[[brands.listening]]
name = "competitors"
match = 'globex OR initech'
label = "competitor"
[[brands.listening]]
name = "warranty"
match = 'warranty OR guarantee OR "lifetime repair"'
label = "warranty"
intent = "warranty"
[brands.channels.slack]
plugin = "chat"
config = {{ bot-user-id = "U0ACMEBOT" }}
secrets = {{ slack-signing-secret = {{ file = "slack-secret" }} }}
"#,
            plugins = plugins.display(),
            voice = root.join("examples/brands/acme/voice.toml").display(),
        );
        let file = dir.path().join("chorus.toml");
        std::fs::write(&file, config)?;
        let log = std::fs::File::create(dir.path().join("server.log"))?;
        let mut child = Command::new(binary)
            .args(["serve", "--config"])
            .arg(&file)
            .env_remove("CHORUS_LOG")
            .stdout(Stdio::piped())
            .stderr(log)
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
        let announced = receiver.recv_timeout(Duration::from_secs(120));
        let mut server = Self {
            child,
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
            database,
            dir,
        };
        server.address = announced
            .map_err(|_| anyhow::anyhow!("the server did not start: {}", server.log()))?
            .parse()?;
        Ok(server)
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

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
