//! Per-message cost of triage, suggestions and the host's voice gate, on the
//! real messages of `tests/data/triage-eval.jsonl`:
//!
//! - the SDK's triage toolkit (`chorus_sdk::triage::assess`) natively;
//! - the chat plugin's `triage` and `suggest` in wasm, each call in a fresh
//!   store and instance from the pre-initialized snapshot;
//! - the host's voice gate (lint → fix what breaks a rule → score → rank) natively.
//!
//! ```sh
//! cargo xtask bench        # builds the components, then runs this in release
//! cargo xtask bench --quick   # the same with tiny counts: checks the harness
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus_host::brand::Brand;
use chorus_host::model::{HttpRequest, ListenOutcome, Message};
use chorus_host::review::{self, ReplyTarget, StrategyPriors};
use chorus_host::runtime::{InMemoryServices, Runtime, RuntimeConfig};

#[path = "common/dirs.rs"]
mod dirs;

use dirs::{root, target_dir};

/// Calls measured per step, cycling through the texts.
const CALLS: usize = 3_000;
/// Calls per step with `--quick` (checks the harness, not the numbers).
const QUICK_CALLS: usize = 20;

fn texts() -> anyhow::Result<Vec<String>> {
    let data = std::fs::read_to_string(root().join("tests/data/triage-eval.jsonl"))?;
    data.lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line)?;
            Ok(value["text"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

fn median_and_p99(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[samples.len() * 99 / 100],
    )
}

fn native_assess(texts: &[String], calls: usize) -> (Duration, Duration) {
    let context = chorus_sdk::testing::context(4_000);
    let messages: Vec<_> = texts
        .iter()
        .map(|t| chorus_sdk::testing::message(t))
        .collect();
    let samples = (0..calls)
        .map(|i| {
            let message = &messages[i % messages.len()];
            let started = Instant::now();
            std::hint::black_box(chorus_sdk::triage::assess(message, &context, &[]));
            started.elapsed()
        })
        .collect();
    median_and_p99(samples)
}

/// The texts as Slack messages, through the chat plugin's `listen`.
async fn slack_messages(
    plugin: &chorus_host::runtime::LoadedPlugin,
    texts: &[String],
) -> anyhow::Result<Vec<Message>> {
    let template =
        std::fs::read_to_string(root().join("tests/fixtures/slack/message-channel.json"))?;
    let services = Arc::new(InMemoryServices::new());
    let mut messages = Vec::new();
    for text in texts {
        let body = template.replace("\"Live long and prospect.\"", &serde_json::to_string(text)?);
        let request = HttpRequest {
            method: "POST".into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into_bytes(),
            ..HttpRequest::default()
        };
        if let ListenOutcome::Messages(mut listened) =
            plugin.listen(services.clone(), &request).await?
        {
            messages.append(&mut listened);
        }
    }
    Ok(messages)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let calls = if std::env::args().any(|a| a == "--quick") {
        QUICK_CALLS
    } else {
        CALLS
    };
    let target = target_dir();
    let texts = texts()?;
    let runtime = Runtime::new(RuntimeConfig {
        max_concurrent_instances: 4,
        ..RuntimeConfig::default()
    })?;
    let plugin = runtime.load_file(&target.join("plugins/chat.wasm")).await?;
    let messages = slack_messages(&plugin, &texts).await?;
    let mut brand = Brand::example();
    brand.voice = std::sync::Arc::new(chorus_voice::VoiceProfile::from_toml_str(
        &std::fs::read_to_string(root().join("examples/brands/acme/voice.toml"))?,
    )?);
    let context = brand.context(plugin.info().channel_limits());
    // As the server: the brand's knowledge, indexed once before any plugin
    // call (not inside the first call's time limit), answers
    // `knowledge-find`.
    let knowledge = brand.knowledge();
    knowledge.prepare();
    let services = Arc::new(InMemoryServices::new().with_shared_knowledge(knowledge));

    let mut triage_samples = Vec::with_capacity(calls);
    let mut suggest_samples = Vec::with_capacity(calls);
    let mut gate_samples = Vec::with_capacity(calls);
    for i in 0..calls {
        let message = &messages[i % messages.len()];
        let started = Instant::now();
        let triage = plugin.triage(services.clone(), message, &context).await?;
        triage_samples.push(started.elapsed());
        let started = Instant::now();
        let suggestions = plugin
            .suggest(services.clone(), message, &triage, &context)
            .await?;
        suggest_samples.push(started.elapsed());
        let reply = ReplyTarget::new(
            &context,
            plugin.info(),
            message,
            &triage,
            Some(review::Sla {
                minutes: 240,
                business_hours: false,
            }),
        );
        let started = Instant::now();
        std::hint::black_box(review::review(
            &context.voice,
            &reply,
            suggestions,
            &StrategyPriors::default(),
        ));
        gate_samples.push(started.elapsed());
    }
    println!(
        "per-message cost on {} real messages (tests/data/triage-eval.jsonl), {calls} calls each",
        messages.len()
    );
    println!("| step | median | p99 |");
    println!("|---|---|---|");
    let rows = [
        (
            "triage toolkit, native (`triage::assess`)",
            native_assess(&texts, calls),
        ),
        (
            "chat `triage`, wasm (fresh instance)",
            median_and_p99(triage_samples),
        ),
        (
            "chat `suggest`, wasm (fresh instance)",
            median_and_p99(suggest_samples),
        ),
        (
            "host voice gate, native (lint, fix what breaks a rule, score, rank)",
            median_and_p99(gate_samples),
        ),
    ];
    for (step, (median, p99)) in rows {
        println!("| {step} | {median:.1?} | {p99:.1?} |");
    }
    Ok(())
}
