//! Runs the Extism peer of Chorus's per-event benchmark
//! (`bench/extism/README.md`): times the guest's `process` on every event
//! of an events file, in an `extism::Plugin` reused for all events and in a
//! fresh one per event, and writes the percentiles as JSON.
//!
//! ```sh
//! chorus-extism-runner --guest chorus_extism_guest.wasm --events events.jsonl \
//!     --voice examples/brands/acme/voice.toml --brand-id acme --brand-name "Acme Outdoor" \
//!     --out target/extism/result.json [--quick]
//! ```

mod services;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail, ensure};
use chorus_extism_wire::{
    CONFIG_BRAND_ID, CONFIG_BRAND_NAME, CONFIG_VOICE, Event, GUEST_TARGET, PROCESS, PluginName,
    Processed,
};
use clap::Parser;
use extism::convert::Json;
use extism::{CompiledPlugin, Manifest, Plugin, PluginBuilder, Wasm};
use serde::Serialize;

use services::Services;

/// Warm-up and measured calls of each mode.
const COUNTS: Counts = Counts {
    warm_up: 100,
    measured: 3_000,
};
/// The same with `--quick`: checks the harness, not the numbers.
const QUICK: Counts = Counts {
    warm_up: 10,
    measured: 50,
};

/// Times the Extism build of Chorus's plugins, per event.
#[derive(Debug, Parser)]
struct Args {
    /// The guest module (`chorus_extism_guest.wasm`).
    #[arg(long)]
    guest: PathBuf,
    /// The events, one JSON object a line (see `chorus_extism_wire::Event`).
    #[arg(long)]
    events: PathBuf,
    /// The brand's voice profile (TOML).
    #[arg(long)]
    voice: PathBuf,
    /// The brand's id.
    #[arg(long)]
    brand_id: String,
    /// The brand's display name.
    #[arg(long)]
    brand_name: String,
    /// Where to write the results (JSON).
    #[arg(long)]
    out: PathBuf,
    /// A secret the host holds for the plugins, `NAME=VALUE`; repeatable.
    #[arg(long = "secret", value_name = "NAME=VALUE", value_parser = parse_secret)]
    secrets: Vec<(String, Vec<u8>)>,
    /// Tiny counts: checks that the benchmark works, not its numbers.
    #[arg(long)]
    quick: bool,
}

fn parse_secret(text: &str) -> Result<(String, Vec<u8>), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    Ok((name.to_owned(), value.as_bytes().to_vec()))
}

#[derive(Debug, Clone, Copy)]
struct Counts {
    warm_up: usize,
    measured: usize,
}

/// One event of the file: what the guest gets, and what is checked.
#[derive(Debug)]
struct Case {
    /// Its line, the input of `process` as it is.
    input: Vec<u8>,
    plugin: PluginName,
    expect_messages: bool,
}

/// Percentiles of one mode's call times.
#[derive(Debug, Serialize)]
struct Summary {
    p50_us: f64,
    p99_us: f64,
    calls: usize,
}

/// The call times of both modes.
#[derive(Debug, Serialize)]
struct Modes {
    reused: Summary,
    fresh: Summary,
}

/// What `--out` receives.
#[derive(Debug, Serialize)]
struct Report {
    #[serde(flatten)]
    all: Modes,
    per_plugin: BTreeMap<&'static str, Modes>,
    extism_version: String,
    guest_target: &'static str,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let counts = if args.quick { QUICK } else { COUNTS };
    let cases = read_events(&args.events)?;
    let voice = std::fs::read_to_string(&args.voice)
        .with_context(|| format!("reading the voice profile {}", args.voice.display()))?;
    let guest = std::fs::read(&args.guest)
        .with_context(|| format!("reading the guest {}", args.guest.display()))?;
    let manifest = Manifest::new([Wasm::data(guest)])
        .with_config_key(CONFIG_VOICE, voice)
        .with_config_key(CONFIG_BRAND_ID, &args.brand_id)
        .with_config_key(CONFIG_BRAND_NAME, &args.brand_name);
    let compiled = PluginBuilder::new(manifest)
        .with_wasi(false)
        .with_functions(Services::new(args.secrets).into_functions())
        .with_cache_disabled()
        .compile()
        .with_context(|| format!("compiling the guest {}", args.guest.display()))?;

    let mut reused_plugin = Plugin::new_from_compiled(&compiled)?;
    // What each event gives, so that a run shows the work it times.
    for (number, case) in cases.iter().enumerate() {
        let processed = process(&mut reused_plugin, &case.input)
            .with_context(|| format!("event {} ({})", number + 1, case.plugin.as_str()))?;
        eprintln!(
            "event {} ({}): messages {}, suggestions {}",
            number + 1,
            case.plugin.as_str(),
            processed.messages,
            processed.suggestions
        );
    }
    let reused = measure(&cases, counts, "reused", |input| {
        process(&mut reused_plugin, input)
    })?;
    let fresh = measure(&cases, counts, "fresh", |input| {
        fresh_call(&compiled, input)
    })?;

    let mut per_plugin = BTreeMap::new();
    for plugin in [PluginName::Chat, PluginName::Twitter, PluginName::Email] {
        let of = |samples: &[(PluginName, Duration)]| {
            summarize(
                samples
                    .iter()
                    .filter(|(p, _)| *p == plugin)
                    .map(|(_, d)| *d)
                    .collect(),
            )
        };
        if let (Some(reused), Some(fresh)) = (of(&reused), of(&fresh)) {
            per_plugin.insert(plugin.as_str(), Modes { reused, fresh });
        }
    }
    let all = |samples: &[(PluginName, Duration)]| {
        summarize(samples.iter().map(|(_, d)| *d).collect()).context("no calls were measured")
    };
    let report = Report {
        all: Modes {
            reused: all(&reused)?,
            fresh: all(&fresh)?,
        },
        per_plugin,
        extism_version: extism::extism_version().trim_end_matches('\0').to_owned(),
        guest_target: GUEST_TARGET,
    };
    let json = serde_json::to_string_pretty(&report)?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.out, format!("{json}\n"))
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!("{json}");
    Ok(())
}

/// The events of `path`, one JSON object a line (blank lines skipped).
fn read_events(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the events {}", path.display()))?;
    let cases = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let event: Event = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not an event", path.display(), i + 1))?;
            Ok(Case {
                input: line.as_bytes().to_vec(),
                plugin: event.plugin,
                expect_messages: event.expect_messages,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    ensure!(!cases.is_empty(), "{} holds no events", path.display());
    Ok(cases)
}

/// One call of `process` in `plugin`.
fn process(plugin: &mut Plugin, input: &[u8]) -> anyhow::Result<Processed> {
    let Json(processed) = plugin.call::<_, Json<Processed>>(PROCESS, input)?;
    Ok(processed)
}

/// One call of `process` in a new instance of `compiled`, made and dropped
/// within the call, as Chorus makes a fresh instance per event.
fn fresh_call(compiled: &CompiledPlugin, input: &[u8]) -> anyhow::Result<Processed> {
    process(&mut Plugin::new_from_compiled(compiled)?, input)
}

/// Calls `call` on the events in turn, `counts.warm_up` times and then
/// `counts.measured` times, checking every output; returns the measured
/// call times with the plugin of their event.
fn measure(
    cases: &[Case],
    counts: Counts,
    mode: &str,
    mut call: impl FnMut(&[u8]) -> anyhow::Result<Processed>,
) -> anyhow::Result<Vec<(PluginName, Duration)>> {
    let mut samples = Vec::with_capacity(counts.measured);
    for i in 0..counts.warm_up + counts.measured {
        let number = i % cases.len();
        let case = &cases[number];
        let started = Instant::now();
        let result = call(&case.input);
        let elapsed = started.elapsed();
        let what = || format!("{mode}: event {} ({})", number + 1, case.plugin.as_str());
        let processed = result.with_context(what)?;
        if case.expect_messages && processed.messages == 0 {
            bail!(
                "{}: made no message ({processed:?}); an event that is not a message says \
                 \"expect_messages\": false",
                what()
            );
        }
        if i >= counts.warm_up {
            samples.push((case.plugin, elapsed));
        }
    }
    Ok(samples)
}

/// The median and 99th percentile of `durations`, as Chorus's per-event
/// benchmark takes them; `None` when there are none.
fn summarize(mut durations: Vec<Duration>) -> Option<Summary> {
    durations.sort_unstable();
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    Some(Summary {
        p50_us: micros(*durations.get(durations.len() / 2)?),
        p99_us: micros(*durations.get(durations.len() * 99 / 100)?),
        calls: durations.len(),
    })
}
