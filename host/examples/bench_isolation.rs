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
//! sends nothing, then four clients flood it with ordinary events (the
//! baseline: every one is stored, triaged and suggested), then with attacks (spins to the deadline, 1,000-message outputs, 1 GiB
//! allocations, host-call bombs). Prints `calm`'s median and 99th
//! percentile in both phases and their ratio, from one run. Circuit breakers
//! are off: they would quarantine `noisy` within five attacks, and what is
//! measured here is the isolation that holds before they do.

use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chorus_host::server::{ServerConfig, serve};

#[path = "common/client.rs"]
mod client;

use client::Client;

const SAMPLES: usize = 400;
/// Samples per phase with `--quick` (checks the harness, not the numbers).
const QUICK_SAMPLES: usize = 20;
const PACE: Duration = Duration::from_millis(10);
const FLOODERS: usize = 4;
const ATTACKS: [&str; 4] = ["loop", "huge-count", "alloc", "host-calls"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A plain-text body's headers.
fn text_plain() -> Vec<(String, String)> {
    vec![("content-type".to_owned(), "text/plain".to_owned())]
}

/// `calm`'s webhook latencies, sorted, while `noisy` gets `flood`.
fn phase(
    address: SocketAddr,
    flood: &'static [&'static str],
    samples: usize,
) -> anyhow::Result<Vec<Duration>> {
    let stop = Arc::new(AtomicBool::new(false));
    let clients = if flood.is_empty() { 0 } else { FLOODERS };
    let flooders: Vec<_> = (0..clients)
        .map(|i| {
            let stop = stop.clone();
            std::thread::spawn(move || -> anyhow::Result<usize> {
                let mut client = Client::connect(address)?;
                let mut sent = 0;
                while !stop.load(Ordering::Relaxed) {
                    let body = flood[(i + sent) % flood.len()];
                    client.post(
                        "/v1/brands/noisy/channels/hostile/events",
                        &text_plain(),
                        body.as_bytes(),
                    )?;
                    sent += 1;
                }
                Ok(sent)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut client = Client::connect(address)?;
    let count = samples;
    let mut samples = Vec::with_capacity(count);
    for i in 0..count {
        let started = Instant::now();
        let (status, _) = client.post(
            "/v1/brands/calm/channels/hostile/events",
            &text_plain(),
            format!("hello {i}").as_bytes(),
        )?;
        samples.push(started.elapsed());
        anyhow::ensure!(status == 200, "calm got {status}");
        std::thread::sleep(PACE);
    }
    stop.store(true, Ordering::Relaxed);
    let mut flooded = 0;
    for flooder in flooders {
        flooded += flooder
            .join()
            .map_err(|_| anyhow::anyhow!("flooder panicked"))??;
    }
    println!("  noisy sent {flooded} events");
    samples.sort();
    Ok(samples)
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    samples[(samples.len() * p / 100).min(samples.len() - 1)]
}

fn main() -> anyhow::Result<()> {
    let samples = if std::env::args().any(|a| a == "--quick") {
        QUICK_SAMPLES
    } else {
        SAMPLES
    };
    let dir = tempfile::tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let guests = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), PathBuf::from)
        .join("test-guests");
    let mut config = format!(
        "listen = \"127.0.0.1:{port}\"\ndata_dir = \"data\"\nplugins_dir = \"{}\"\n[limits]\nbreaker_failures = 0\n",
        guests.display()
    );
    for brand in ["noisy", "calm"] {
        std::fs::write(dir.path().join(brand), format!("{brand}-key"))?;
        config.push_str(&format!(
            "[[brands]]\nid = \"{brand}\"\nname = \"{brand}\"\napi_keys = [{{ file = \"{brand}\" }}]\n[brands.channels.hostile]\nplugin = \"hostile\"\n"
        ));
    }
    let file = dir.path().join("chorus.toml");
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
    println!("quiet neighbour (noisy sends nothing):");
    let quiet = phase(address, &[], samples)?;
    println!("benign neighbour (noisy floods ordinary events):");
    let benign = phase(address, &["hello"], samples)?;
    println!("hostile neighbour (noisy floods {ATTACKS:?}):");
    let hostile = phase(address, &ATTACKS, samples)?;
    let (q50, q99) = (percentile(&quiet, 50), percentile(&quiet, 99));
    let (b50, b99) = (percentile(&benign, 50), percentile(&benign, 99));
    let (h50, h99) = (percentile(&hostile, 50), percentile(&hostile, 99));
    println!("calm's webhook, {samples} events one every {PACE:?}, {FLOODERS} noisy clients:");
    println!("  quiet neighbour    p50 {q50:>10.2?}  p99 {q99:>10.2?}");
    println!("  benign neighbour   p50 {b50:>10.2?}  p99 {b99:>10.2?}");
    println!("  hostile neighbour  p50 {h50:>10.2?}  p99 {h99:>10.2?}");
    println!(
        "  ratio hostile/benign: p50 {:.2}x  p99 {:.2}x",
        h50.as_secs_f64() / b50.as_secs_f64(),
        h99.as_secs_f64() / b99.as_secs_f64()
    );
    Ok(())
}
