//! Per event and per plugin: the whole plugin path (`listen`, then `triage`
//! and `suggest` for each message) on real inputs, four ways, in one run:
//!
//! - (a) **native**: the plugin crates compiled for the host and called
//!   directly through the SDK's native harness (`chorus_sdk::testing::run`);
//! - (b) **chorus**: the component in fresh stores and instances from the
//!   pre-initialized snapshot, as the server runs it: one for `listen`, one
//!   for each message's `triage` and `suggest`;
//! - (c) **reused**: one instance kept for every call
//!   (`RuntimeConfig::keep_instances`), the unsafe upper bound;
//! - (d) **extism**: the same logic built as an Extism plugin and run by the
//!   `extism` host crate (`bench/extism/`, outside the workspace), when
//!   `--extism-runner RUNNER --extism-guest GUEST` are given.
//!
//! Inputs: the texts of `tests/data/triage-eval.jsonl` as Slack messages
//! (the chat plugin), as X mentions (twitter) and as plain customer emails
//! (email), the same events for every way; the acme brand's voice.
//!
//! ```sh
//! cargo xtask bench           # builds everything, then runs this in release
//! cargo xtask bench --quick   # tiny counts: checks the harness, not the numbers
//! ```
//!
//! Writes `<target>/bench/per_event.json`, `<target>/bench/per_event.md`
//! and the events it measured as `<target>/bench/events.jsonl` (the
//! Extism runner's input).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use base64::Engine as _;
use chorus_host::brand::Brand;
use chorus_host::model::{ChannelLimits, HttpRequest, ListenOutcome};
use chorus_host::runtime::{
    HostServices as _, InMemoryServices, Limits, LoadedPlugin, Runtime, RuntimeConfig,
};
use chorus_sdk::Plugin;
use chorus_sdk::testing::{FakeHost, Outcome};
use serde_json::{Value, json};

#[path = "common/dirs.rs"]
mod dirs;

use dirs::{root, target_dir};

/// Distinct events per plugin.
const EVENTS_PER_PLUGIN: usize = 200;
/// Calls before measuring, and measured calls, per plugin and way.
const COUNTS: (usize, usize) = (100, 3_000);
/// The same with `--quick` (checks the harness, not the numbers).
const QUICK_COUNTS: (usize, usize) = (5, 30);

/// The plugins measured, by component name.
const PLUGINS: [&str; 3] = ["chat", "twitter", "email"];

/// One inbound request for one plugin.
struct Event {
    plugin: &'static str,
    request: HttpRequest,
}

fn texts() -> anyhow::Result<Vec<String>> {
    let data = std::fs::read_to_string(root().join("tests/data/triage-eval.jsonl"))?;
    data.lines()
        .take(EVENTS_PER_PLUGIN)
        .map(|line| {
            let value: Value = serde_json::from_str(line)?;
            Ok(value["text"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

fn json_request(body: &Value) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        path: "/".into(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
        ..HttpRequest::default()
    }
}

/// The texts in the shapes of each channel: a Slack channel message, an
/// X mention (Account Activity API), a plain email.
fn events(texts: &[String]) -> anyhow::Result<Vec<Event>> {
    let fixture = |path: &str| -> anyhow::Result<Value> {
        let file = root().join("tests/fixtures").join(path);
        serde_json::from_str(&std::fs::read_to_string(&file)?)
            .with_context(|| format!("reading {}", file.display()))
    };
    let slack = fixture("slack/message-channel.json")?;
    let tweet = fixture("twitter/aaa-tweet-create-mention.json")?;
    let mut events = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let mut body = slack.clone();
        body["event"]["text"] = json!(text);
        body["event_id"] = json!(format!("Ev{i:08}"));
        events.push(Event {
            plugin: "chat",
            request: json_request(&body),
        });

        let mut body = tweet.clone();
        let post = &mut body["tweet_create_events"][0];
        post["text"] = json!(format!("@AcmeOutdoor {text}"));
        post["id_str"] = json!(format!("17{i:017}"));
        post["entities"]["user_mentions"] = json!([]);
        events.push(Event {
            plugin: "twitter",
            request: json_request(&body),
        });

        let subject: String = text
            .split_whitespace()
            .take(6)
            .collect::<Vec<_>>()
            .join(" ");
        let mail = format!(
            "From: Customer {i} <customer{i}@example.net>\r\nTo: Acme Support <support@acme.example>\r\n\
             Subject: {subject}\r\nDate: Tue, 1 Dec 2026 10:{:02}:00 +0000\r\n\
             Message-ID: <bench-{i}@example.net>\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{text}\r\n",
            i % 60
        );
        events.push(Event {
            plugin: "email",
            request: HttpRequest {
                method: "POST".into(),
                path: "/".into(),
                headers: vec![("content-type".into(), "message/rfc822".into())],
                body: mail.into_bytes(),
                ..HttpRequest::default()
            },
        });
    }
    Ok(events)
}

/// Median and 99th percentile, in µs.
fn summary(mut samples: Vec<Duration>) -> Value {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 * q) as usize).min(samples.len() - 1);
        (samples[i].as_secs_f64() * 1e7).round() / 10.0
    };
    json!({ "p50": at(0.5), "p99": at(0.99), "calls": samples.len() })
}

/// Times `call` on the events in turn: `warm_up` calls, then `measured`.
async fn measure<F>(
    events: &[&Event],
    (warm_up, measured): (usize, usize),
    mut call: F,
) -> anyhow::Result<Value>
where
    F: AsyncFnMut(&Event) -> anyhow::Result<usize>,
{
    let mut samples = Vec::with_capacity(measured);
    for i in 0..warm_up + measured {
        let event = events[i % events.len()];
        let started = Instant::now();
        let messages = call(event).await?;
        let elapsed = started.elapsed();
        anyhow::ensure!(messages > 0, "{}: an event gave no message", event.plugin);
        if i >= warm_up {
            samples.push(elapsed);
        }
    }
    Ok(summary(samples))
}

/// (b) and (c): listen, then triage and suggest for each message, through
/// the host's runtime.
async fn through_runtime(
    plugin: &Arc<LoadedPlugin>,
    brand: &Brand,
    event: &Event,
) -> anyhow::Result<usize> {
    // As the server: the brand's knowledge, indexed once per brand before
    // any plugin call, answers `knowledge-find`.
    let services = Arc::new(InMemoryServices::new().with_shared_knowledge(brand.knowledge()));
    services.prepare();
    let context = brand.context(plugin.info().channel_limits());
    let ListenOutcome::Messages(messages) = plugin.listen(services.clone(), &event.request).await?
    else {
        anyhow::bail!("{}: the event was not a message", event.plugin);
    };
    for message in &messages {
        // As the pipeline: one instance for a message's triage and suggest.
        let calls = plugin.for_message();
        let triage = calls.triage(services.clone(), message, &context).await?;
        std::hint::black_box(
            calls
                .suggest(services.clone(), message, &triage, &context)
                .await?,
        );
    }
    Ok(messages.len())
}

/// (a): the plugin's own crate, natively, through the SDK's harness.
fn native<P: Plugin>(event: &Event, context: &chorus_sdk::Context) -> anyhow::Result<usize> {
    let mut request = chorus_sdk::testing::request(&event.request.method, &event.request.body);
    for (name, value) in &event.request.headers {
        request = request.header(name, value);
    }
    match chorus_sdk::testing::run::<P>(request.build(), context) {
        Ok(Outcome::Messages(messages)) => Ok(std::hint::black_box(messages).len()),
        Ok(other) => anyhow::bail!("{}: not a message: {other:?}", event.plugin),
        Err(e) => anyhow::bail!("{}: {e:?}", event.plugin),
    }
}

fn native_context(brand: &Brand, limits: ChannelLimits) -> chorus_sdk::Context {
    chorus_sdk::Context {
        brand: chorus_sdk::Brand {
            id: brand.info.id.clone(),
            name: brand.info.name.clone(),
            own_accounts: brand.info.own_accounts.clone(),
        },
        voice: chorus_sdk::voice::wit_profile(&brand.voice),
        customer: None,
        limits: chorus_sdk::ChannelLimits {
            max_reply_length: limits.max_reply_length,
            max_suggestions: limits.max_suggestions,
        },
    }
}

/// One plugin, loaded both ways, with its native context.
struct Loaded {
    name: &'static str,
    plugin: Arc<LoadedPlugin>,
    reused: Arc<LoadedPlugin>,
    context: chorus_sdk::Context,
}

impl Loaded {
    /// (a) on `event`.
    fn native(&self, event: &Event) -> anyhow::Result<usize> {
        match self.name {
            "chat" => native::<chat::Chat>(event, &self.context),
            "twitter" => native::<twitter::Twitter>(event, &self.context),
            _ => native::<email::Email>(event, &self.context),
        }
    }
}

/// Writes the events for the Extism runner.
fn write_events(events: &[Event], file: &Path) -> anyhow::Result<()> {
    let lines: Vec<String> = events
        .iter()
        .map(|e| {
            json!({
                "plugin": e.plugin,
                "method": e.request.method,
                "path": e.request.path,
                "query": e.request.query,
                "headers": e.request.headers,
                "body_base64": base64::engine::general_purpose::STANDARD.encode(&e.request.body),
            })
            .to_string()
        })
        .collect();
    std::fs::write(file, lines.join("\n") + "\n")?;
    Ok(())
}

/// (d): runs the Extism runner on the same events; its JSON report.
fn extism(runner: &Path, guest: &Path, events: &Path, quick: bool) -> anyhow::Result<Value> {
    let out = events.with_file_name("extism.json");
    let mut command = Command::new(runner);
    command
        .arg("--guest")
        .arg(guest)
        .arg("--events")
        .arg(events)
        .arg("--voice")
        .arg(root().join("examples/brands/acme/voice.toml"))
        .args([
            "--brand-id",
            "acme",
            "--brand-name",
            "Acme Outdoor",
            "--out",
        ])
        .arg(&out);
    if quick {
        command.arg("--quick");
    }
    let status = command
        .status()
        .with_context(|| format!("running {}", runner.display()))?;
    anyhow::ensure!(status.success(), "the Extism runner failed: {status}");
    Ok(serde_json::from_str(&std::fs::read_to_string(&out)?)?)
}

fn arg(name: &str) -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let counts = if quick { QUICK_COUNTS } else { COUNTS };
    let target = target_dir();
    let results = target.join("bench");
    std::fs::create_dir_all(&results)?;
    let events = events(&texts()?)?;
    let events_file = results.join("events.jsonl");
    write_events(&events, &events_file)?;

    let mut brand = Brand::example();
    brand.info.id = "acme".into();
    brand.info.name = "Acme Outdoor".into();
    brand.voice = std::sync::Arc::new(chorus_voice::VoiceProfile::from_toml_str(
        &std::fs::read_to_string(root().join("examples/brands/acme/voice.toml"))?,
    )?);
    // Both runtimes share a plugin cache, so each plugin is pre-initialized
    // and compiled once per run (the kept runtime's engine is the same).
    let cache = results.join("cache");
    let runtime = |keep_instances| {
        Runtime::new(RuntimeConfig {
            max_concurrent_instances: 4,
            cache_dir: Some(cache.clone()),
            keep_instances,
            ..RuntimeConfig::default()
        })
    };
    let (fresh, kept) = (runtime(false)?, runtime(true)?);
    let _host = FakeHost::new().install();
    let mut loaded = Vec::new();
    for name in PLUGINS {
        let component = target.join("plugins").join(format!("{name}.wasm"));
        let plugin = Arc::new(fresh.load_file(&component).await?);
        let reused = Arc::new(kept.load_file(&component).await?);
        let context = native_context(&brand, plugin.info().channel_limits());
        loaded.push(Loaded {
            name,
            plugin,
            reused,
            context,
        });
    }
    let of = |e: &Event| {
        loaded
            .iter()
            .find(|l| l.name == e.plugin)
            .context("an event for a plugin not loaded")
    };

    let mut report = json!({});
    // Each plugin's events, then all of them in turn.
    let mut groups: Vec<(&str, Vec<&Event>)> = PLUGINS
        .iter()
        .map(|&name| (name, events.iter().filter(|e| e.plugin == name).collect()))
        .collect();
    groups.push(("all", events.iter().collect()));
    for (name, mine) in &groups {
        report[*name] = json!({
            "native": measure(mine, counts, async |e| of(e)?.native(e)).await?,
            "chorus": measure(mine, counts, async |e| through_runtime(&of(e)?.plugin, &brand, e).await).await?,
            "reused": measure(mine, counts, async |e| through_runtime(&of(e)?.reused, &brand, e).await).await?,
        });
        eprintln!("bench_plugins: {name} done");
    }

    let fuel = fuel_per_event(&results.join("cache-fuel"), &brand, &events).await?;

    if let (Some(runner), Some(guest)) = (arg("--extism-runner"), arg("--extism-guest")) {
        let peer = extism(&runner, &guest, &events_file, quick)?;
        // The runner's figures are `p50_us`, `p99_us`: as ours, in µs.
        let ours = |figures: &Value| {
            json!({
                "p50": figures["p50_us"],
                "p99": figures["p99_us"],
                "calls": figures["calls"],
            })
        };
        for name in PLUGINS {
            report[name]["extism"] = ours(&peer["per_plugin"][name]["reused"]);
            report[name]["extism_fresh"] = ours(&peer["per_plugin"][name]["fresh"]);
        }
        report["all"]["extism"] = ours(&peer["reused"]);
        report["all"]["extism_fresh"] = ours(&peer["fresh"]);
        report["extism_version"] = peer["extism_version"].clone();
    }
    let p50 = |way: &str| report["all"][way]["p50"].as_f64();
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => json!((a / b * 100.0).round() / 100.0),
        _ => Value::Null,
    };
    let out = json!({ "headline": {
        "per_event_us": {
            "native": report["all"]["native"],
            "chorus": report["all"]["chorus"],
            "reused": report["all"]["reused"],
            "extism": report["all"].get("extism").cloned().unwrap_or(Value::Null),
        },
        "ratio": {
            "chorus_over_native": ratio(p50("chorus"), p50("native")),
            "chorus_over_extism": ratio(p50("chorus"), p50("extism")),
            "chorus_over_reused": ratio(p50("chorus"), p50("reused")),
        }},
        "per_plugin": report,
        "fuel_per_event": fuel,
        "events_per_plugin": EVENTS_PER_PLUGIN,
        "calls": counts.1,
    });
    std::fs::write(
        results.join("per_event.json"),
        serde_json::to_string_pretty(&out)?,
    )?;
    std::fs::write(results.join("per_event.md"), markdown(&out, counts))?;
    println!("{}", markdown(&out, counts));
    Ok(())
}

/// Guest work per event, counted: the fuel (about one unit per wasm
/// instruction) that `listen`, `triage` and `suggest` burn on each event
/// of each plugin, in a runtime that meters it, averaged over the events.
/// Unlike the times, the counts repeat exactly from run to run, so they
/// show what a change to the guest code bought on a noisy machine.
async fn fuel_per_event(cache: &Path, brand: &Brand, events: &[Event]) -> anyhow::Result<Value> {
    let metered = Runtime::new(RuntimeConfig {
        max_concurrent_instances: 4,
        cache_dir: Some(cache.to_owned()),
        limits: Limits {
            fuel: Some(1 << 40),
            ..Limits::default()
        },
        ..RuntimeConfig::default()
    })?;
    let mut fuel = json!({});
    for name in PLUGINS {
        let plugin = Arc::new(
            metered
                .load_file(&target_dir().join("plugins").join(format!("{name}.wasm")))
                .await?,
        );
        let mine: Vec<&Event> = events.iter().filter(|e| e.plugin == name).collect();
        let before = plugin.fuel_consumed().unwrap_or(0);
        for event in &mine {
            through_runtime(&plugin, brand, event).await?;
        }
        let burnt = plugin.fuel_consumed().unwrap_or(0) - before;
        fuel[name] = json!(burnt / mine.len().max(1) as u64);
    }
    Ok(fuel)
}

fn markdown(out: &Value, (warm_up, calls): (usize, usize)) -> String {
    let cell = |v: &Value| match (v["p50"].as_f64(), v["p99"].as_f64()) {
        (Some(p50), Some(p99)) => format!("{p50:.1} / {p99:.1}"),
        _ => "not run".to_owned(),
    };
    let mut rows = String::new();
    for name in ["chat", "twitter", "email", "all"] {
        let r = &out["per_plugin"][name];
        rows.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {} |\n",
            cell(&r["native"]),
            cell(&r["chorus"]),
            cell(&r["reused"]),
            cell(&r["extism"]),
            cell(&r["extism_fresh"]),
        ));
    }
    let ratio = |key: &str| {
        out["headline"]["ratio"][key]
            .as_f64()
            .map_or("not measured".to_owned(), |r| format!("{r:.2}"))
    };
    let fuel = |plugin: &str| {
        out["fuel_per_event"][plugin]
            .as_u64()
            .map_or("not measured".to_owned(), |f| {
                format!("{:.2} M", f as f64 / 1e6)
            })
    };
    let verdict = |key: &str, bound: f64| match out["headline"]["ratio"][key].as_f64() {
        Some(r) if r <= bound => "met",
        Some(_) => "not met",
        None => "not measured",
    };
    format!(
        "{EVENTS_PER_PLUGIN} events per plugin (the first texts of `tests/data/triage-eval.jsonl` as Slack \
channel messages, X mentions and plain emails), the acme voice; per event: `listen`, then `triage` and \
`suggest` for its message. {calls} calls per cell after {warm_up} of warm-up, cycling through the events. \
In µs, median / p99.\n\n\
| plugin | (a) native | (b) chorus: fresh instance per message | (c) one reused instance | (d) extism: one plugin | extism: new plugin per event |\n\
|---|---|---|---|---|---|\n{rows}\n\
| ratio (medians, all plugins) | value | target |\n|---|---|---|\n\
| b/a, chorus over native | {} | ≤ 2.0: {} |\n\
| b/d, chorus over extism | {} | ≤ 1.0: {} |\n\
| b/c, chorus over one reused instance | {} | (what isolation costs) |\n\n\
Guest work per event, counted (wasmtime fuel, about one unit per wasm instruction, for `listen`, `triage` \
and `suggest`; the mean over the {EVENTS_PER_PLUGIN} events; unlike the times, it repeats exactly from \
run to run): chat {}, twitter {}, email {}.\n",
        ratio("chorus_over_native"),
        verdict("chorus_over_native", 2.0),
        ratio("chorus_over_extism"),
        verdict("chorus_over_extism", 1.0),
        ratio("chorus_over_reused"),
        fuel("chat"),
        fuel("twitter"),
        fuel("email"),
    )
}
