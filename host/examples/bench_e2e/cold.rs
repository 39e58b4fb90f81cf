//! Cold start: from process start to the first event stored, with an
//! empty plugin cache and with the cache the first start filled; and the
//! load of one plugin each way, in process.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus_host::runtime::{Runtime, RuntimeConfig};
use serde_json::{Value, json};

use super::completion::Watcher;
use super::events::Events;
use super::load::{self, Pace};
use super::server::{Server, Setup};

/// Starts measured each way (the median is reported).
const STARTS: usize = 3;
/// The same with `--quick`.
const QUICK_STARTS: usize = 1;

/// Posts event `i` and waits until it is stored; when that happened.
async fn first_event(server: &Server, events: &Arc<Events>, i: usize) -> anyhow::Result<Instant> {
    let mut watcher = Watcher::open(&server.database).await?;
    let (address, events) = ([server.address], events.clone());
    let acks = tokio::task::spawn_blocking(move || {
        load::run(&address, &events, i..i + 1, 1, Pace::Closed)
    })
    .await??;
    let ack = acks
        .first()
        .ok_or_else(|| anyhow::anyhow!("no acknowledgement"))?;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        watcher.poll().await?;
        if let Some(done) = watcher.completed(ack.ledger_id) {
            watcher
                .check("the first event")
                .map_err(|e| anyhow::anyhow!("{e}\nserver log:\n{}", server.log()))?;
            return Ok(done);
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the first event was not stored: {}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    let ms = samples[samples.len() / 2].as_secs_f64() * 1e3;
    (ms * 10.0).round() / 10.0
}

/// Process start to first event stored, uncached then cached, `starts`
/// times each, each time in a new directory.
async fn process_starts(
    binary: &Path,
    root: &Path,
    plugins: &Path,
    events: &Arc<Events>,
    starts: usize,
) -> anyhow::Result<(f64, f64)> {
    let (mut uncached, mut cached) = (Vec::new(), Vec::new());
    for n in 0..starts {
        let started = Instant::now();
        let mut server = Server::start(binary, root, plugins, Setup::default())?;
        uncached.push(first_event(&server, events, 2 * n).await? - started);
        let restarted = Instant::now();
        server.restart()?;
        cached.push(first_event(&server, events, 2 * n + 1).await? - restarted);
    }
    Ok((median(uncached), median(cached)))
}

/// One plugin's load into a fresh runtime: without a cache entry
/// (pre-initialize, compile, write the cache) and from it.
async fn plugin_load(component: &Path, starts: usize) -> anyhow::Result<(f64, f64)> {
    let (mut uncached, mut cached) = (Vec::new(), Vec::new());
    for _ in 0..starts {
        let cache = tempfile::tempdir()?;
        let runtime = || {
            Runtime::new(RuntimeConfig {
                cache_dir: Some(cache.path().to_owned()),
                max_concurrent_instances: 4,
                ..RuntimeConfig::default()
            })
        };
        let fresh = runtime()?;
        let started = Instant::now();
        let plugin = fresh.load_file(component).await?;
        uncached.push(started.elapsed());
        anyhow::ensure!(!plugin.from_cache(), "a new cache already held the plugin");
        let again = runtime()?;
        let started = Instant::now();
        let plugin = again.load_file(component).await?;
        cached.push(started.elapsed());
        anyhow::ensure!(plugin.from_cache(), "the second load did not use the cache");
    }
    Ok((median(uncached), median(cached)))
}

/// Measures both; the JSON (its `headline` goes to the top of
/// `bench.json`) and the Markdown body.
pub async fn measure(
    binary: &Path,
    root: &Path,
    plugins: &Path,
    events: &Arc<Events>,
    quick: bool,
) -> anyhow::Result<(Value, String)> {
    let starts = if quick { QUICK_STARTS } else { STARTS };
    let (uncached, cached) = process_starts(binary, root, plugins, events, starts).await?;
    println!("cold start: {uncached} ms without the cache, {cached} ms with it");
    let mut loads = json!({});
    let mut rows = Vec::new();
    // `--quick` checks the harness: one plugin's loads, not all three's.
    let names: &[&str] = if quick {
        &["chat"]
    } else {
        &["chat", "twitter", "email"]
    };
    for name in names {
        let (uncached, cached) = plugin_load(&plugins.join(format!("{name}.wasm")), starts).await?;
        println!("load {name}: {uncached} ms without the cache, {cached} ms with it");
        loads[*name] = json!({ "uncached": uncached, "cached": cached });
        let verdict = if cached < 5.0 { "met" } else { "not met" };
        rows.push(format!(
            "| {name} | {uncached} ms | {cached} ms ({verdict}) |"
        ));
    }
    let report = json!({
        "starts": starts,
        "process_to_first_event_ms": { "uncached": uncached, "cached": cached },
        "plugin_load_ms": loads,
        "headline": { "cold_start_ms": { "uncached": uncached, "cached": cached } },
    });
    let markdown = format!(
        "Process start (`chorus serve` spawned) to the first event stored with its suggestions: the \
server of the end-to-end benchmark (one brand, the three plugins), in a new directory, so with an \
empty plugin cache; then the same server restarted, with the cache its first start wrote. Median of \
{starts} starts each way.\n\n\
| start | process start → first event stored |\n|---|---|\n\
| without the cache (pre-initialize and compile three plugins) | {uncached} ms |\n\
| with the cache | {cached} ms |\n\n\
One plugin loaded into a fresh runtime (`Runtime::load_file`: check, pre-initialize, compile and \
write the cache; or read the cache), median of {starts}; target: < 5 ms from the cache.\n\n\
| plugin | without the cache | from the cache |\n|---|---|---|\n{}\n",
        rows.join("\n")
    );
    Ok((report, markdown))
}
