//! End to end: signed Slack DMs posted to a real `chorus serve` (the
//! release binary, in a temporary directory, SQLite with the durable
//! ledger), timed from the webhook to the suggestions stored.
//!
//! ```sh
//! cargo xtask bench            # builds the components and the binary, then runs this in release
//! cargo xtask bench --quick    # tiny counts: checks the harness, not the numbers
//! ```
//!
//! 1. Maximum sustained rate: a closed loop of keep-alive connections
//!    posts events as fast as they are acknowledged; the rate is the
//!    events over the time from the first post to the last message
//!    stored with its suggestions.
//! 2. At about 50% and 90% of that rate, an open loop (each event due at
//!    its time, whatever the answers before it): acknowledgement latency
//!    (due → answer read), processing latency (answer → stored, seen by
//!    polling the database every few milliseconds) and both together.
//! 3. The server's CPU time (`/proc/<pid>/stat`) per event of each run.
//! 4. Scaling: the maximum rate with 1 and 2 plugin threads, and on
//!    PostgreSQL with one and two hosts.
//! 5. Cold start ([`cold`]) and memory at 1 to 1,000 brands ([`memory`]).
//!
//! Writes `<target>/bench/{e2e,cold_start,memory}.{json,md}`, that `cargo
//! xtask bench` merges into `<target>/bench/bench.json` and
//! `BENCHMARKS.md`. With `--quick` it runs the debug build's server.

#[path = "../common/dirs.rs"]
mod dirs;

use dirs::{chorus_binary, root, target_dir};

mod chart;
#[path = "../common/client.rs"]
mod client;
mod cold;
mod completion;
mod events;
mod load;
mod memory;
mod server;

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use completion::Watcher;
use events::Events;
use load::{Ack, Pace};
use server::{Server, Setup};

/// How much to measure.
#[derive(Debug, Clone, Copy)]
struct Settings {
    /// Events before measuring (compilation caches, SQLite pages).
    warm_up: usize,
    /// Events of the closed-loop run.
    max_events: usize,
    /// Length of each open-loop run.
    paced: Duration,
    /// Keep-alive connections posting.
    connections: usize,
    /// Longest wait for a run's messages to be stored.
    timeout: Duration,
}

const FULL: Settings = Settings {
    warm_up: 100,
    max_events: 2_000,
    paced: Duration::from_secs(15),
    connections: 8,
    timeout: Duration::from_secs(300),
};

const QUICK: Settings = Settings {
    warm_up: 5,
    max_events: 40,
    paced: Duration::from_secs(1),
    connections: 4,
    timeout: Duration::from_secs(60),
};

/// Database polls while a closed-loop run builds its backlog (coarse: the
/// poller shares the cores) and during open-loop runs (fine: latencies).
const POLL_CLOSED: Duration = Duration::from_millis(20);
const POLL_OPEN: Duration = Duration::from_millis(2);

/// Offered loads, as fractions of the maximum sustained rate.
const LOADS: [(&str, f64); 2] = [("at_50pct", 0.5), ("at_90pct", 0.9)];

/// One run: each event's acknowledgement and completion.
struct Run {
    acks: Vec<Ack>,
    completed: Vec<Instant>,
    started: Instant,
    cpu: Duration,
    /// The first server's largest resident set seen while the run went on.
    peak_rss_kib: u64,
}

impl Run {
    /// Events per second from the first post to the last completion.
    fn rate(&self) -> f64 {
        let last = self.completed.iter().max().copied().unwrap_or(self.started);
        self.acks.len() as f64 / last.duration_since(self.started).as_secs_f64()
    }

    /// Server CPU milliseconds per event.
    fn cpu_ms_per_event(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e3 / self.acks.len().max(1) as f64
    }

    /// `from → to` of every event, in milliseconds.
    fn samples(&self, span: impl Fn(&Ack, Instant) -> Duration) -> Vec<f64> {
        self.acks
            .iter()
            .zip(&self.completed)
            .map(|(ack, done)| span(ack, *done).as_secs_f64() * 1e3)
            .collect()
    }

    /// Percentiles of `from → to` over the events, in milliseconds.
    fn latency(&self, span: impl Fn(&Ack, Instant) -> Duration) -> Value {
        let mut ms = self.samples(span);
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let i = ((ms.len() as f64 * q) as usize).min(ms.len().saturating_sub(1));
            ms.get(i).map_or(0.0, |v| (v * 100.0).round() / 100.0)
        };
        json!({ "p50": at(0.5), "p99": at(0.99), "p999": at(0.999) })
    }
}

/// The servers, their database and what to post.
struct Bench {
    servers: Vec<Server>,
    watcher: Watcher,
    events: Arc<Events>,
    settings: Settings,
    next: usize,
}

impl Bench {
    /// Starts `hosts` servers as `setup` says, on one database.
    async fn start(
        setup: Setup<'_>,
        hosts: usize,
        events: Arc<Events>,
        settings: Settings,
    ) -> anyhow::Result<Self> {
        let target = target_dir();
        let servers = (0..hosts)
            .map(|_| Server::start(&chorus_binary(), &root(), &target.join("plugins"), setup))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Self {
            watcher: Watcher::open(&servers[0].database).await?,
            servers,
            events,
            settings,
            next: 0,
        })
    }

    /// Starts `hosts` servers, then warms them up.
    async fn warm(
        setup: Setup<'_>,
        hosts: usize,
        events: Arc<Events>,
        settings: Settings,
    ) -> anyhow::Result<Self> {
        let mut bench = Self::start(setup, hosts, events, settings).await?;
        bench.run(settings.warm_up, Pace::Closed).await?;
        Ok(bench)
    }

    /// The servers' CPU time so far.
    fn cpu_time(&self) -> anyhow::Result<Duration> {
        self.servers.iter().map(Server::cpu_time).sum()
    }

    /// The first server's resident set now, in KiB.
    fn rss_kib(&self) -> anyhow::Result<u64> {
        self.servers.first().map_or(Ok(0), Server::rss_kib)
    }

    /// The end of every server's log, each under its host's number (a
    /// second host that failed is otherwise invisible).
    fn log(&self) -> String {
        let logs: Vec<String> = self
            .servers
            .iter()
            .enumerate()
            .map(|(n, server)| format!("--- host {}:\n{}", n + 1, server.log()))
            .collect();
        logs.join("\n")
    }

    /// An error when any message failed: the errors stored, and the end
    /// of every server's log.
    fn check(&self, what: &str) -> anyhow::Result<()> {
        self.watcher
            .check(what)
            .map_err(|e| anyhow::anyhow!("{e}\nserver log:\n{}", self.log()))
    }

    /// The next `count` event numbers (every run posts new events).
    fn take(&mut self, count: usize) -> Range<usize> {
        let range = self.next..self.next + count;
        self.next = range.end;
        range
    }

    /// Posts `count` events at `pace` and waits until every one is stored.
    async fn run(&mut self, count: usize, pace: Pace) -> anyhow::Result<Run> {
        let range = self.take(count);
        let poll = match pace {
            Pace::Closed => POLL_CLOSED,
            Pace::Open { .. } => POLL_OPEN,
        };
        let (addresses, events, connections) = (
            self.servers.iter().map(|s| s.address).collect::<Vec<_>>(),
            self.events.clone(),
            self.settings.connections,
        );
        let cpu = self.cpu_time()?;
        let started = Instant::now();
        let load = tokio::task::spawn_blocking(move || {
            load::run(&addresses, &events, range, connections, pace)
        });
        let mut peak_rss_kib = 0;
        while !load.is_finished() {
            self.watcher.poll().await?;
            peak_rss_kib = peak_rss_kib.max(self.rss_kib()?);
            tokio::time::sleep(poll).await;
        }
        let acks = load.await??;
        let deadline = Instant::now() + self.settings.timeout;
        let completed = loop {
            self.watcher.poll().await?;
            let completed: Option<Vec<Instant>> = acks
                .iter()
                .map(|ack| self.watcher.completed(ack.ledger_id))
                .collect();
            peak_rss_kib = peak_rss_kib.max(self.rss_kib()?);
            if let Some(completed) = completed {
                self.watcher.settle();
                break completed;
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "messages not stored after {:?}; server log: {}",
                self.settings.timeout,
                self.log()
            );
            tokio::time::sleep(poll).await;
        };
        Ok(Run {
            cpu: self.cpu_time()? - cpu,
            acks,
            completed,
            started,
            peak_rss_kib,
        })
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let settings = if quick { QUICK } else { FULL };
    let target = target_dir();
    let events = Arc::new(Events::load(&root())?);
    let cache = shared_cache()?;
    let setup = Setup {
        cache: Some(&cache),
        ..Setup::default()
    };
    let mut bench = Bench::warm(setup, 1, events.clone(), settings).await?;

    let max = bench.run(settings.max_events, Pace::Closed).await?;
    let max_rate = max.rate();
    println!(
        "maximum sustained: {max_rate:.1} events/s over {} events, {:.2} ms of server CPU each",
        max.acks.len(),
        max.cpu_ms_per_event()
    );
    let mut report = json!({
        "quick": quick,
        "connections": settings.connections,
        "max_events": settings.max_events,
        "max_events_per_s": (max_rate * 10.0).round() / 10.0,
        "cpu_ms_per_event": (max.cpu_ms_per_event() * 1000.0).round() / 1000.0,
    });
    let mut rows = Vec::new();
    let mut curves = Vec::new();
    for (key, fraction) in LOADS {
        let rate = max_rate * fraction;
        let count = ((rate * settings.paced.as_secs_f64()) as usize).max(10);
        let run = bench.run(count, Pace::Open { rate }).await?;
        let ack = run.latency(|ack, _| ack.acked - ack.sent);
        let processing = run.latency(|ack, done| done.saturating_duration_since(ack.acked));
        let end_to_end = run.latency(|ack, done| done - ack.sent);
        let percent = fraction * 100.0;
        curves.push((
            format!("acknowledgement, {percent:.0}% load"),
            run.samples(|ack, _| ack.acked - ack.sent),
        ));
        curves.push((
            format!("end to end, {percent:.0}% load"),
            run.samples(|ack, done| done - ack.sent),
        ));
        println!(
            "{:.0}% ({rate:.1}/s, {count} events): ack {ack}, processing {processing}, end to end {end_to_end}",
            fraction * 100.0
        );
        rows.push(format!(
            "| {:.0}% ({rate:.0}/s) | {count} | {} / {} / {} | {} / {} / {} | {} / {} | {:.2} ms |",
            fraction * 100.0,
            ack["p50"],
            ack["p99"],
            ack["p999"],
            processing["p50"],
            processing["p99"],
            processing["p999"],
            end_to_end["p50"],
            end_to_end["p99"],
            run.cpu_ms_per_event(),
        ));
        report[key] = json!({
            "offered_per_s": (rate * 10.0).round() / 10.0,
            "events": count,
            "ack_ms": ack,
            "processing_ms": processing,
            "end_to_end_ms": end_to_end,
            "cpu_ms_per_event": (run.cpu_ms_per_event() * 1000.0).round() / 1000.0,
        });
    }
    // The headline figures: at half the maximum rate.
    report["ack_ms"] = report["at_50pct"]["ack_ms"].clone();
    report["p99_ms_at_50pct"] = report["at_50pct"]["end_to_end_ms"]["p99"].clone();
    report["failed"] = bench.watcher.failures().into();
    bench.check("end to end")?;
    drop(bench);
    let (scale, scale_rows) = scale_out(events.clone(), settings).await?;
    report["scale_out"] = scale;

    let out = target.join("bench");
    std::fs::create_dir_all(&out)?;
    chart::cdf(
        &out.join("e2e-latency.svg"),
        "chorus serve: latency per event (webhook to suggestions stored)",
        &curves,
    )?;
    std::fs::write(out.join("e2e.json"), serde_json::to_vec_pretty(&report)?)?;
    std::fs::write(
        out.join("e2e.md"),
        markdown(&settings, &report, max_rate, &rows) + &scale_rows,
    )?;

    let (cold, text) = cold::measure(
        &chorus_binary(),
        &root(),
        &target.join("plugins"),
        &events,
        quick,
    )
    .await?;
    std::fs::write(
        out.join("cold_start.json"),
        serde_json::to_vec_pretty(&cold)?,
    )?;
    std::fs::write(out.join("cold_start.md"), text)?;

    let (memory, text) = memory::measure(&events, settings, quick).await?;
    std::fs::write(out.join("memory.json"), serde_json::to_vec_pretty(&memory)?)?;
    std::fs::write(out.join("memory.md"), text)?;
    Ok(())
}

/// The results as the body of the end-to-end section of `BENCHMARKS.md`.
fn markdown(settings: &Settings, report: &Value, max_rate: f64, rows: &[String]) -> String {
    format!(
        "Signed Slack DMs (the chat plugin's `message-im` fixture; 200 customers, each in a DM \
of their own; texts of acme's messages in the triage eval set) posted over {connections} \
keep-alive HTTP/1.1 connections on loopback to `chorus serve` (the release binary) on SQLite \
with the durable ledger (`synchronous=FULL`), the acme voice, default limits; {warm_up} events \
of warm-up first. \"Stored\" is the message triaged with its suggestions through the voice gate, \
seen by polling the database.\n\n\
| measure | value |\n|---|---|\n\
| maximum sustained rate, webhook → suggestions stored (closed loop, {max_events} events) | **{max_rate:.1} events/s** |\n\
| server CPU per event at that rate | {cpu} ms |\n\n\
Open loop at fractions of that rate ({paced:?} each; each latency counts from when its event \
was due), in ms, p50 / p99 / p999:\n\n\
| offered load | events | acknowledgement | processing (ack → stored) | end to end p50 / p99 | server CPU per event |\n\
|---|---|---|---|---|---|\n{rows}\n\n\
![Cumulative latency distribution: acknowledgement and end to end at 50% and 90% of the maximum \
rate](docs/bench/e2e-latency.svg)\n",
        connections = settings.connections,
        warm_up = settings.warm_up,
        max_events = settings.max_events,
        cpu = report["cpu_ms_per_event"],
        paced = settings.paced,
        rows = rows.join("\n"),
    )
}

/// The plugin cache the servers of a run share, so that only the first
/// start pre-initializes and compiles the plugins (cold starts use their
/// own, see [`cold`]).
fn shared_cache() -> anyhow::Result<std::path::PathBuf> {
    let dir = target_dir().join("bench/cache");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The PostgreSQL server the scale-out runs use.
fn postgres_url() -> String {
    std::env::var("CHORUS_BENCH_POSTGRES_URL")
        .or_else(|_| std::env::var("CHORUS_TEST_POSTGRES_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A schema of its own on the PostgreSQL server, dropped when dropped.
struct Schema {
    server: String,
    name: String,
}

impl Schema {
    async fn create(server: &str, n: usize) -> anyhow::Result<Self> {
        let name = format!("chorus_bench_{}_{n}", std::process::id());
        execute(server, &format!("CREATE SCHEMA {name}")).await?;
        Ok(Self {
            server: server.to_owned(),
            name,
        })
    }

    fn url(&self) -> String {
        let separator = if self.server.contains('?') { '&' } else { '?' };
        format!(
            "{}{separator}options[search_path]={}",
            self.server, self.name
        )
    }

    async fn drop_now(self) -> anyhow::Result<()> {
        execute(&self.server, &format!("DROP SCHEMA {} CASCADE", self.name)).await
    }
}

async fn execute(url: &str, sql: &str) -> anyhow::Result<()> {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(url).await?;
    connection
        .execute(sqlx::AssertSqlSafe(sql.to_owned()))
        .await?;
    Ok(())
}

/// The maximum sustained rate (closed loop) on SQLite with one host, and
/// on PostgreSQL with one and with two hosts sharing the database, in one
/// run; PostgreSQL's rows are skipped (and said so) when no server answers.
async fn scale_out(events: Arc<Events>, settings: Settings) -> anyhow::Result<(Value, String)> {
    let server = postgres_url();
    let postgres = execute(&server, "SELECT 1").await.is_ok();
    if !postgres {
        println!("scale-out: no PostgreSQL at {server}: its rows are skipped");
    }
    // (key, label, on PostgreSQL, hosts, plugin threads)
    let setups: [(&str, &str, bool, usize, Option<usize>); 4] = [
        (
            "sqlite_1_thread",
            "SQLite, 1 host, 1 plugin thread",
            false,
            1,
            Some(1),
        ),
        (
            "sqlite_2_threads",
            "SQLite, 1 host, 2 plugin threads",
            false,
            1,
            Some(2),
        ),
        ("postgres_1_host", "PostgreSQL, 1 host", true, 1, None),
        ("postgres_2_hosts", "PostgreSQL, 2 hosts", true, 2, None),
    ];
    let mut report = json!({});
    let mut rows = Vec::new();
    for (n, (key, label, on_postgres, hosts, plugin_threads)) in setups.into_iter().enumerate() {
        if on_postgres && !postgres {
            rows.push(format!(
                "| {label} | skipped: no PostgreSQL at `{server}` | |"
            ));
            continue;
        }
        let schema = if on_postgres {
            Some(Schema::create(&server, n).await?)
        } else {
            None
        };
        let url = schema.as_ref().map(Schema::url);
        let cache = shared_cache()?;
        let setup = Setup {
            storage: url.as_deref(),
            plugin_threads,
            cache: Some(&cache),
            ..Setup::default()
        };
        let mut bench = Bench::warm(setup, hosts, events.clone(), settings).await?;
        let run = bench.run(settings.max_events, Pace::Closed).await?;
        bench.check(label)?;
        drop(bench);
        if let Some(schema) = schema {
            schema.drop_now().await?;
        }
        let rate = (run.rate() * 10.0).round() / 10.0;
        println!(
            "scale-out, {label}: {rate} events/s, {:.2} ms of server CPU each",
            run.cpu_ms_per_event()
        );
        report[key] = json!({
            "events_per_s": rate,
            "cpu_ms_per_event": (run.cpu_ms_per_event() * 1000.0).round() / 1000.0,
        });
        rows.push(format!(
            "| {label} | **{rate} events/s** | {:.2} ms |",
            run.cpu_ms_per_event()
        ));
    }
    let text = format!(
        "\nScale-out: the maximum sustained rate (closed loop, {events} events, {connections} \
connections spread over the hosts, the same events and brand), each setup on a fresh database, \
in this one run. Plugin threads run the plugins (`limits.plugin_threads`, the brand may use them \
all: `brand_concurrency`); by default a host has one per core and a brand may use half. Hosts and the load generator share the machine's cores, so a second host adds \
no cores here: the row shows what sharing one PostgreSQL costs, not what a second machine \
gains.\n\n| setup | webhook → suggestions stored | server CPU per event (all hosts) |\n|---|---|---|\n{rows}\n",
        events = settings.max_events,
        connections = settings.connections,
        rows = rows.join("\n"),
    );
    Ok((report, text))
}
