//! Tenant isolation: a healthy brand's webhook latency while another brand's
//! plugin misbehaves, against the same load with a benign neighbour.
//!
//! ```sh
//! cargo xtask bench        # builds the components, then runs this in release
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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chorus_host::server::{ServerConfig, serve};

const SAMPLES: usize = 400;
const PACE: Duration = Duration::from_millis(10);
const FLOODERS: usize = 4;
const ATTACKS: [&str; 4] = ["loop", "huge-count", "alloc", "host-calls"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(address: SocketAddr) -> anyhow::Result<Self> {
        let stream = TcpStream::connect(address)?;
        stream.set_nodelay(true)?;
        Ok(Self {
            reader: BufReader::new(stream.try_clone()?),
            stream,
        })
    }

    /// Posts `body` and reads the whole answer; returns its status.
    fn post(&mut self, path: &str, body: &str) -> anyhow::Result<u16> {
        write!(
            self.stream,
            "POST {path} HTTP/1.1\r\nhost: bench\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| anyhow::anyhow!("bad status line {line:?}"))?;
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse()?;
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(status)
    }
}

/// `calm`'s webhook latencies, sorted, while `noisy` gets `flood`.
fn phase(address: SocketAddr, flood: &'static [&'static str]) -> anyhow::Result<Vec<Duration>> {
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
                    client.post("/v1/brands/noisy/channels/hostile/events", body)?;
                    sent += 1;
                }
                Ok(sent)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut client = Client::connect(address)?;
    let mut samples = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let started = Instant::now();
        let status = client.post(
            "/v1/brands/calm/channels/hostile/events",
            &format!("hello {i}"),
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
    let quiet = phase(address, &[])?;
    println!("benign neighbour (noisy floods ordinary events):");
    let benign = phase(address, &["hello"])?;
    println!("hostile neighbour (noisy floods {ATTACKS:?}):");
    let hostile = phase(address, &ATTACKS)?;
    let (q50, q99) = (percentile(&quiet, 50), percentile(&quiet, 99));
    let (b50, b99) = (percentile(&benign, 50), percentile(&benign, 99));
    let (h50, h99) = (percentile(&hostile, 50), percentile(&hostile, 99));
    println!("calm's webhook, {SAMPLES} events one every {PACE:?}, {FLOODERS} noisy clients:");
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
