//! `chorus eval triage`: scores the real plugin components' triage against a
//! labelled JSONL file (one message a line, see `tests/data/README.md`).
//!
//! Every line becomes a [`Message`] on its channel's plugin (twitter →
//! `twitter.wasm`, slack → `chat.wasm`, email → `email.wasm`), triaged in a
//! fresh instance as the server does, then the brand's listening rules are
//! applied as the server's worker does. Prints accuracy and macro-F1 for
//! route, priority and intent, per-class scores and confusion matrices.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chorus_host::brand::Brand;
use chorus_host::listening::{self, Rule};
use chorus_host::model::{
    Author, ChannelLimits, Message, MessageKind, Priority, Route, Visibility,
};
use chorus_host::runtime::{HostServices, LoadedPlugin, Runtime, RuntimeConfig};
use clap::Subcommand;
use serde::Deserialize;
use serde_json::json;

use super::Failure;
use super::metrics::Confusion;

#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Scores triage (route, priority, intent) on a labelled JSONL file.
    Triage {
        /// The labelled file: one JSON object a line with id, channel,
        /// visibility, text, intent, route, priority (and split).
        file: PathBuf,
        /// Directory with twitter.wasm, chat.wasm and email.wasm.
        #[arg(long, default_value = "target/plugins")]
        plugins: PathBuf,
        /// Brand file (identity, plugin config). Default: an example brand.
        #[arg(long, conflicts_with = "config")]
        brand: Option<PathBuf>,
        /// Server configuration: take the brand (identity, plugin config and
        /// listening rules) from it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// With --config: the brand's id (default: the first brand).
        #[arg(long, requires = "config")]
        brand_id: Option<String>,
        /// Only lines whose `split` is this, e.g. `heldout`.
        #[arg(long)]
        split: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// One labelled line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    #[serde(default)]
    #[allow(dead_code, reason = "provenance: checked to be a string, not used")]
    source: Option<String>,
    #[serde(default)]
    split: Option<String>,
    channel: Channel,
    visibility: Visibility,
    text: String,
    intent: String,
    route: Route,
    priority: Priority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Channel {
    Twitter,
    Slack,
    Email,
}

impl Channel {
    fn plugin(self) -> &'static str {
        match self {
            Channel::Twitter => "twitter",
            Channel::Slack => "chat",
            Channel::Email => "email",
        }
    }
}

/// The brand the messages are addressed to.
struct EvalBrand {
    brand: Brand,
    rules: Vec<Rule>,
}

pub(crate) async fn run(command: EvalCommand) -> Result<(), Failure> {
    let EvalCommand::Triage {
        file,
        plugins,
        brand,
        config,
        brand_id,
        split,
        json,
    } = command;
    let lines = read(&file, split.as_deref())?;
    if lines.is_empty() {
        return Err(Failure::refused(format!(
            "{}: no labelled lines{}",
            file.display(),
            split
                .map(|s| format!(" in split `{s}`"))
                .unwrap_or_default()
        )));
    }
    let brand = load_brand(brand.as_deref(), config.as_deref(), brand_id.as_deref())?;
    let services: Arc<dyn HostServices> =
        Arc::new(brand.brand.services(&[]).map_err(Failure::refused)?);
    let runtime = Runtime::new(RuntimeConfig {
        cache_dir: std::env::var_os("CHORUS_CACHE_DIR").map(PathBuf::from),
        max_concurrent_instances: 4,
        ..RuntimeConfig::default()
    })
    .map_err(|e| Failure::other(format!("cannot start the plugin runtime: {e:#}")))?;
    let mut loaded: BTreeMap<Channel, LoadedPlugin> = BTreeMap::new();
    let mut route = Confusion::default();
    let mut priority = Confusion::default();
    let mut intent = Confusion::default();
    for (number, line) in &lines {
        let plugin = match loaded.entry(line.channel) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let path = plugins.join(format!("{}.wasm", line.channel.plugin()));
                let plugin = runtime
                    .load_file(&path)
                    .await
                    .map_err(|e| Failure::refused(format!("{}: {e}", path.display())))?;
                entry.insert(plugin)
            }
        };
        let message = message(line);
        // Triage does not depend on reply limits: the defaults do.
        let context = brand.brand.context(ChannelLimits::default());
        let mut triage = plugin
            .triage(services.clone(), &message, &context)
            .await
            .map_err(|e| {
                Failure::other(format!(
                    "{}:{number}: plugin {} failed: {e}",
                    file.display(),
                    plugin.info().name
                ))
            })?;
        listening::apply(&brand.rules, &message.text, &mut triage);
        route.add(&kebab(&line.route), &kebab(&triage.route));
        priority.add(&kebab(&line.priority), &kebab(&triage.priority));
        intent.add(&line.intent, &triage.intent);
    }
    let title = format!(
        "{}{}: {} messages",
        file.display(),
        split.map(|s| format!(" (split {s})")).unwrap_or_default(),
        lines.len()
    );
    let tables = [
        ("route", &route),
        ("priority", &priority),
        ("intent", &intent),
    ];
    if json {
        let report: serde_json::Map<String, serde_json::Value> = tables
            .iter()
            .map(|(name, m)| {
                let confusion: Vec<_> = m
                    .labels()
                    .iter()
                    .map(|e| {
                        let row: Vec<u32> = m.labels().iter().map(|p| m.count(e, p)).collect();
                        json!({ "expected": e, "predicted": row })
                    })
                    .collect();
                let value = json!({
                    "accuracy": m.accuracy(),
                    "macro_f1": m.macro_f1(),
                    "per_class": m.per_class(),
                    "labels": m.labels(),
                    "confusion": confusion,
                });
                ((*name).to_owned(), value)
            })
            .collect();
        let report = json!({ "file": file.display().to_string(), "messages": lines.len(), "metrics": report });
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    println!("{title}");
    for (name, m) in &tables {
        println!(
            "{name:<9} accuracy {:.3}  macro-F1 {:.3}",
            m.accuracy(),
            m.macro_f1()
        );
    }
    for (name, m) in &tables {
        println!();
        print_scores(name, m);
    }
    for (name, m) in [("route", &route), ("intent", &intent)] {
        println!();
        print_confusion(name, m);
    }
    Ok(())
}

/// The serde (kebab-case) name of a route or priority.
fn kebab(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn read(file: &Path, split: Option<&str>) -> Result<Vec<(usize, Labelled)>, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::refused(format!("{}: cannot read: {e}", file.display())))?;
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Labelled = serde_json::from_str(raw)
            .map_err(|e| Failure::refused(format!("{}:{}: {e}", file.display(), i + 1)))?;
        if line.id.is_empty() || line.text.is_empty() || line.intent.is_empty() {
            return Err(Failure::refused(format!(
                "{}:{}: `id`, `text` and `intent` must not be empty",
                file.display(),
                i + 1
            )));
        }
        if split.is_none_or(|s| line.split.as_deref() == Some(s)) {
            lines.push((i + 1, line));
        }
    }
    Ok(lines)
}

fn load_brand(
    brand: Option<&Path>,
    config: Option<&Path>,
    brand_id: Option<&str>,
) -> Result<EvalBrand, Failure> {
    if let Some(path) = config {
        let config = chorus_host::server::ServerConfig::load(path)
            .map_err(|e| Failure::refused(e.to_string()))?;
        let brands = config
            .load_brands()
            .map_err(|e| Failure::refused(format!("{}: {e}", path.display())))?;
        let found = brands
            .into_iter()
            .find(|b| brand_id.is_none_or(|id| b.info.id == id))
            .ok_or_else(|| {
                Failure::refused(format!(
                    "{}: no brand{}",
                    path.display(),
                    brand_id.map(|id| format!(" `{id}`")).unwrap_or_default()
                ))
            })?;
        let mut brand = Brand::example();
        brand.info = found.info;
        brand.voice = found.voice;
        return Ok(EvalBrand {
            brand,
            rules: found.rules,
        });
    }
    let brand = match brand {
        Some(path) => Brand::load(path).map_err(|e| Failure::refused(e.to_string()))?,
        None => Brand::example(),
    };
    Ok(EvalBrand {
        brand,
        rules: Vec::new(),
    })
}

fn message(line: &Labelled) -> Message {
    Message {
        event_id: format!("eval-{}", line.id),
        external_id: line.id.clone(),
        kind: MessageKind::Original,
        thread_id: None,
        in_reply_to: None,
        author: Author {
            id: format!("customer-{}", line.id),
            handle: Some(format!("customer_{}", line.id)),
            display_name: None,
            email: (line.channel == Channel::Email)
                .then(|| format!("customer-{}@example.com", line.id)),
            follower_count: None,
            verified: false,
        },
        text: line.text.clone(),
        full_text: None,
        visibility: line.visibility,
        sent_at: None,
        language: None,
        attachments: Vec::new(),
        attributes: Vec::new(),
    }
}

fn print_scores(name: &str, m: &Confusion) {
    let width = m.labels().iter().map(|l| l.len()).max().unwrap_or(5).max(5);
    println!(
        "{name} per class\n  {:<width$}  precision  recall     f1  support",
        "class"
    );
    for s in m.per_class() {
        println!(
            "  {:<width$}  {:>9.3}  {:>6.3}  {:>5.3}  {:>7}",
            s.label, s.precision, s.recall, s.f1, s.support
        );
    }
}

fn print_confusion(name: &str, m: &Confusion) {
    let labels = m.labels();
    let width = labels.iter().map(|l| l.len()).max().unwrap_or(8).max(8);
    println!("{name} confusion (rows: expected, columns: predicted; columns numbered as rows)");
    let header: Vec<String> = (1..=labels.len()).map(|i| format!("{i:>4}")).collect();
    println!("  {:>2} {:<width$} {}", "", "", header.join(""));
    for (i, expected) in labels.iter().enumerate() {
        let row: Vec<String> = labels
            .iter()
            .map(|p| format!("{:>4}", m.count(expected, p)))
            .collect();
        println!("  {:>2} {expected:<width$} {}", i + 1, row.join(""));
    }
}
