//! Per-event cost of a plugin call: a fresh store and instance per event,
//! with and without the pre-initialized snapshot.
//!
//! ```sh
//! cargo xtask bench        # builds the components, then runs this in release
//! cargo xtask bench --quick   # the same with tiny counts: checks the harness
//! ```
//!
//! Prints, for each plugin, the median and 99th percentile of `listen` on a
//! real fixture, measured in one run, and the ratio between the two modes.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus_host::model::HttpRequest;
use chorus_host::runtime::{InMemoryServices, Runtime, RuntimeConfig};

#[path = "common/dirs.rs"]
mod dirs;

use dirs::{root, target_dir};

const WARM_UP: usize = 200;
const EVENTS: usize = 3_000;
/// Warm-up and measured events with `--quick` (checks the harness, not the numbers).
const QUICK: (usize, usize) = (10, 50);

async fn measure(
    component: &Path,
    body: &[u8],
    preinitialize: bool,
    (warm_up, events): (usize, usize),
) -> anyhow::Result<(Duration, Duration)> {
    let runtime = Runtime::new(RuntimeConfig {
        preinitialize,
        max_concurrent_instances: 4,
        ..RuntimeConfig::default()
    })?;
    let plugin = runtime.load_file(component).await?;
    let request = HttpRequest {
        method: "POST".into(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.to_vec(),
        ..HttpRequest::default()
    };
    let services = Arc::new(InMemoryServices::new());
    let mut samples = Vec::with_capacity(events);
    for i in 0..warm_up + events {
        let started = Instant::now();
        plugin.listen(services.clone(), &request).await?;
        if i >= warm_up {
            samples.push(started.elapsed());
        }
    }
    samples.sort();
    Ok((
        samples[samples.len() / 2],
        samples[samples.len() * 99 / 100],
    ))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let counts = if quick { QUICK } else { (WARM_UP, EVENTS) };
    let (warm_up, events) = counts;
    let target = target_dir();
    let cases = [
        (
            "chat",
            target.join("plugins/chat.wasm"),
            std::fs::read(root().join("tests/fixtures/slack/message-channel.json"))?,
        ),
        (
            "hostile (init: 100k-step table)",
            target.join("test-guests/hostile.wasm"),
            b"hello".to_vec(),
        ),
    ];
    println!(
        "per-event listen() with a fresh store + instance, {events} events after {warm_up} warm-up"
    );
    println!("| plugin | snapshot: median | p99 | no snapshot: median | p99 | median ratio |");
    println!("|---|---|---|---|---|---|");
    // `--quick` checks the harness on the first case alone: every case
    // compiles its plugin twice, which takes seconds in a debug build.
    for (name, component, body) in cases.iter().take(if quick { 1 } else { cases.len() }) {
        let (with_median, with_p99) = measure(component, body, true, counts).await?;
        let (without_median, without_p99) = measure(component, body, false, counts).await?;
        println!(
            "| {name} | {with_median:.1?} | {with_p99:.1?} | {without_median:.1?} | {without_p99:.1?} | {:.2}x |",
            without_median.as_secs_f64() / with_median.as_secs_f64()
        );
    }
    Ok(())
}
