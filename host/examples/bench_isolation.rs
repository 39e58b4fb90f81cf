//! Tenant isolation: a healthy brand's webhook latency while another brand's
//! plugin misbehaves, against the same load with a benign neighbour.
//!
//! ```sh
//! cargo xtask bench        # builds the components, then runs this in release
//! cargo xtask bench --quick   # the same with tiny counts: checks the harness
//! ```
//!
//! One `chorus serve` (in this process, on its own runtime) with two brands
//! running the hostile test guest. Brand `calm` posts one ordinary event
//! every 10 ms and records each webhook's latency. Meanwhile brand `noisy`
//! sends nothing; then four clients send it ordinary events at a fixed rate
//! (the benign neighbour: every one is stored, triaged and suggested); then
//! attacks at the same rate (spins to the deadline, 1,000-message outputs,
//! 1 GiB allocations, host-call bombs); then, last, ordinary events as fast
//! as the four clients can send them. Prints `calm`'s median and 99th
//! percentile in each phase and the ratio of hostile to benign, from one
//! run, and writes `<target>/bench/isolation.{json,md}` for `cargo xtask
//! bench` to merge into `BENCHMARKS.md`. Circuit breakers are off: they
//! would quarantine `noisy` within five attacks, and what is measured here
//! is the isolation that holds before they do.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chorus_host::server::{ServerConfig, serve};
use serde_json::{Value, json};

#[path = "common/dirs.rs"]
mod dirs;

use dirs::target_dir;

#[path = "common/client.rs"]
mod client;

use client::Client;

const SAMPLES: usize = 1000;
/// Samples per phase with `--quick` (checks the harness, not the numbers).
const QUICK_SAMPLES: usize = 20;
/// `calm`'s pace: one event, then this long before the next.
const PACE: Duration = Duration::from_millis(10);
/// `noisy`'s clients, each on a keep-alive connection of its own: enough
/// that a paced client whose attack is slow to answer does not lower the
/// offered rate (it catches up once answered).
const FLOODERS: usize = 16;
/// Each of `noisy`'s clients sends one event this often in the paced
/// phases: 40 events a second in all, the same for ordinary events and
/// for attacks (ordinary events at a rate the server sustains: about 70 a
/// second end to end on 2 cores, BENCHMARKS.md).
const FLOOD_PACE: Duration = Duration::from_millis(400);
const ATTACKS: [&str; 4] = ["loop", "huge-count", "alloc", "host-calls"];
const ORDINARY: [&str; 1] = ["hello"];

/// A plain-text body's headers.
fn text_plain() -> Vec<(String, String)> {
    vec![("content-type".to_owned(), "text/plain".to_owned())]
}

/// What `noisy` sends during a phase.
struct Flood {
    name: &'static str,
    bodies: &'static [&'static str],
    /// One event per client this often; `None`: as fast as it is answered.
    pace: Option<Duration>,
}

/// One phase's results.
struct Phase {
    name: &'static str,
    /// `calm`'s webhook latencies, sorted.
    latencies: Vec<Duration>,
    /// `noisy`'s answers: accepted (200), refused as saturated (503), an
    /// error (an attack's plugin failure).
    noisy: [usize; 3],
}

impl Phase {
    fn percentile(&self, p: usize) -> Duration {
        let samples = &self.latencies;
        samples[(samples.len() * p / 100).min(samples.len() - 1)]
    }

    fn ms(&self, p: usize) -> f64 {
        (self.percentile(p).as_secs_f64() * 1e5).round() / 100.0
    }
}

/// One of `noisy`'s clients, until `stop`: counts of its answers.
fn flooder(
    address: SocketAddr,
    flood: &Flood,
    offset: usize,
    stop: &AtomicBool,
) -> anyhow::Result<[usize; 3]> {
    let mut client = Client::connect(address)?;
    let mut answers = [0; 3];
    let mut due = Instant::now();
    for sent in 0.. {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let body = flood.bodies[(offset + sent) % flood.bodies.len()];
        let (status, _) = client.post(
            "/v1/brands/noisy/channels/hostile/events",
            &text_plain(),
            body.as_bytes(),
        )?;
        answers[match status {
            200 => 0,
            503 => 1,
            _ => 2,
        }] += 1;
        if let Some(pace) = flood.pace {
            due += pace;
            std::thread::sleep(due.saturating_duration_since(Instant::now()));
        }
    }
    Ok(answers)
}

/// `calm`'s webhook latencies while `noisy` gets `flood`.
fn phase(address: SocketAddr, flood: Flood, samples: usize) -> anyhow::Result<Phase> {
    let stop = Arc::new(AtomicBool::new(false));
    let flood = Arc::new(flood);
    let clients = if flood.bodies.is_empty() { 0 } else { FLOODERS };
    let flooders: Vec<_> = (0..clients)
        .map(|i| {
            let (stop, flood) = (stop.clone(), flood.clone());
            std::thread::spawn(move || flooder(address, &flood, i, &stop))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut client = Client::connect(address)?;
    let mut latencies = Vec::with_capacity(samples);
    for i in 0..samples {
        let started = Instant::now();
        let (status, _) = client.post(
            "/v1/brands/calm/channels/hostile/events",
            &text_plain(),
            format!("hello {i}").as_bytes(),
        )?;
        latencies.push(started.elapsed());
        anyhow::ensure!(status == 200, "calm got {status}");
        std::thread::sleep(PACE);
    }
    stop.store(true, Ordering::Relaxed);
    let mut noisy = [0; 3];
    for flooder in flooders {
        let answers = flooder
            .join()
            .map_err(|_| anyhow::anyhow!("flooder panicked"))??;
        for (total, n) in noisy.iter_mut().zip(answers) {
            *total += n;
        }
    }
    latencies.sort();
    let phase = Phase {
        name: flood.name,
        latencies,
        noisy,
    };
    println!(
        "{:<44} calm p50 {:>8.2} ms  p99 {:>8.2} ms   noisy: {} accepted, {} refused (503), {} errors",
        phase.name,
        phase.ms(50),
        phase.ms(99),
        noisy[0],
        noisy[1],
        noisy[2]
    );
    Ok(phase)
}

/// Starts `chorus serve` with brands `noisy` and `calm` on its own runtime.
fn start_server(dir: &Path) -> anyhow::Result<SocketAddr> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let guests = target_dir().join("test-guests");
    let mut config = format!(
        "listen = \"127.0.0.1:{port}\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\n[limits]\nbreaker_failures = 0\n",
        guests.display()
    );
    for brand in ["noisy", "calm"] {
        std::fs::write(dir.join(brand), format!("{brand}-key"))?;
        config.push_str(&format!(
            "[[brands]]\nid = \"{brand}\"\nname = \"{brand}\"\napi_keys = [{{ file = \"{brand}\" }}]\n[brands.channels.hostile]\nplugin = \"hostile\"\n"
        ));
    }
    let file = dir.join("chorus.toml");
    std::fs::write(&file, config)?;
    let config = ServerConfig::load(&file)?;
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("server runtime");
        if let Err(error) = runtime.block_on(serve(config)) {
            eprintln!("server: {error:#}");
        }
    });
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    while TcpStream::connect(address).is_err() {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(120),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(address)
}

fn main() -> anyhow::Result<()> {
    let samples = if std::env::args().any(|a| a == "--quick") {
        QUICK_SAMPLES
    } else {
        SAMPLES
    };
    let dir = tempfile::tempdir()?;
    let address = start_server(dir.path())?;
    let paced = Some(FLOOD_PACE);
    let phases = [
        Flood {
            name: "quiet neighbour (sends nothing)",
            bodies: &[],
            pace: None,
        },
        Flood {
            name: "benign neighbour (ordinary events)",
            bodies: &ORDINARY,
            pace: paced,
        },
        Flood {
            name: "hostile neighbour (attacks, same rate)",
            bodies: &ATTACKS,
            pace: paced,
        },
        Flood {
            name: "flooding neighbour (ordinary, unpaced)",
            bodies: &ORDINARY,
            pace: None,
        },
    ]
    .into_iter()
    .map(|flood| phase(address, flood, samples))
    .collect::<anyhow::Result<Vec<_>>>()?;
    let (benign, hostile) = (&phases[1], &phases[2]);
    let ratio = |p| hostile.percentile(p).as_secs_f64() / benign.percentile(p).as_secs_f64();
    let (r50, r99) = (ratio(50), ratio(99));
    println!("ratio hostile/benign: p50 {r50:.2}x  p99 {r99:.2}x");

    let report = json!({
        "samples": samples,
        "calm_pace_ms": PACE.as_millis() as u64,
        "noisy_offered_per_s": (FLOODERS as f64 / FLOOD_PACE.as_secs_f64()).round(),
        "phases": phases.iter().map(|p| json!({
            "phase": p.name,
            "calm_p50_ms": p.ms(50),
            "calm_p99_ms": p.ms(99),
            "noisy_accepted": p.noisy[0],
            "noisy_refused": p.noisy[1],
            "noisy_errors": p.noisy[2],
        })).collect::<Vec<_>>(),
        "ratio_p50": (r50 * 100.0).round() / 100.0,
        "ratio_p99": (r99 * 100.0).round() / 100.0,
    });
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(
        out.join("isolation.json"),
        serde_json::to_vec_pretty(&report)?,
    )?;
    std::fs::write(out.join("isolation.md"), markdown(&phases, &report))?;
    Ok(())
}

/// The results as the body of the isolation section of `BENCHMARKS.md`.
fn markdown(phases: &[Phase], report: &Value) -> String {
    let rows: String = phases
        .iter()
        .map(|p| {
            format!(
                "| {} | {:.2} | {:.2} | {} / {} / {} |\n",
                p.name,
                p.ms(50),
                p.ms(99),
                p.noisy[0],
                p.noisy[1],
                p.noisy[2]
            )
        })
        .collect();
    format!(
        "One `chorus serve` (release, SQLite, default limits, circuit breakers off) with two \
brands on the hostile test guest. Brand `calm` posts {samples} ordinary events, one every \
{pace} ms, and times each webhook; meanwhile brand `noisy` gets, from {FLOODERS} clients, \
nothing, then ordinary events at {rate}/s, then attacks at the same rate ({ATTACKS:?}: spins to \
the deadline, 1,000-message outputs, 1 GiB allocations, host-call bombs), then ordinary events as \
fast as they are answered.\n\n\
| noisy sends | calm p50 (ms) | calm p99 (ms) | noisy accepted / refused 503 / errors |\n\
|---|---|---|---|\n{rows}\n\
Hostile against benign at the same rate: **p99 {r99}×**, p50 {r50}× (the acceptance bound \
is 2×).\n",
        samples = report["samples"],
        pace = report["calm_pace_ms"],
        rate = report["noisy_offered_per_s"],
        r99 = report["ratio_p99"],
        r50 = report["ratio_p50"],
    )
}
