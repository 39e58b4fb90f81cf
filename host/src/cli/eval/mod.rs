//! `chorus eval triage`: scores the real plugin components' triage against a
//! labelled JSONL file (one message a line, see `tests/data/LABELLING.md`).
//!
//! Every line becomes what its channel's plugin would see: an email is
//! posted to `email.wasm`'s `listen` as the raw mail a client sends (so the
//! plugin strips quoted history and signatures, as in the server); X posts
//! and chat messages become the plugin's [`Message`]. Each is triaged in a
//! fresh instance as the server does, then the brand's listening rules are
//! applied as the server's worker does. Prints route, priority and intent
//! scores, spam precision and recall, urgent cases below `high`, sentiment
//! sign, language, calibration (reliability table and ECE) and signals,
//! overall and per language.

mod input;
mod report;

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chorus_host::brand::Brand;
use chorus_host::listening::{self, Rule};
use chorus_host::model::{ChannelLimits, ListenOutcome, Message, Triage};
use chorus_host::runtime::{HostServices, LoadedPlugin, Runtime, RuntimeConfig};
use clap::Subcommand;
use serde_json::json;

use super::Failure;
use input::{Channel, Labelled};
use report::Tally;

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
    let lines = input::read(&file, split.as_deref())?;
    if lines.is_empty() {
        return Err(Failure::refused(format!(
            "{}: no labelled lines{}",
            file.display(),
            split
                .as_ref()
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
    let mut all = Tally::default();
    let mut per_language: BTreeMap<String, Tally> = BTreeMap::new();
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
        let at = format!("{}:{number}", file.display());
        let triage = triage(plugin, &services, &brand, line)
            .await
            .map_err(|e| Failure::other(format!("{at}: {e}")))?;
        all.add(line, &triage);
        if let Some(language) = &line.language {
            per_language
                .entry(language.clone())
                .or_default()
                .add(line, &triage);
        }
    }
    if json {
        let mut report = all.to_json();
        report["file"] = json!(file.display().to_string());
        report["split"] = json!(split);
        report["per_language"] = per_language
            .iter()
            .map(|(language, t)| (language.clone(), t.summary()))
            .collect::<serde_json::Map<_, _>>()
            .into();
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "{}{}: {} messages",
        file.display(),
        split.map(|s| format!(" (split {s})")).unwrap_or_default(),
        lines.len()
    );
    all.print_summary();
    report::print_languages(&per_language);
    all.print_details();
    Ok(())
}

/// Triage of one labelled line through its channel's plugin, then the
/// brand's listening rules.
async fn triage(
    plugin: &LoadedPlugin,
    services: &Arc<dyn HostServices>,
    brand: &EvalBrand,
    line: &Labelled,
) -> Result<Triage, String> {
    let message = match line.channel {
        Channel::Email => listened(plugin, services, line).await?,
        Channel::Twitter | Channel::Slack => line.message(),
    };
    // Triage does not depend on reply limits: the defaults do.
    let context = brand.brand.context(ChannelLimits::default());
    let mut triage = plugin
        .triage(services.clone(), &message, &context)
        .await
        .map_err(|e| format!("plugin {} failed: {e}", plugin.info().name))?;
    listening::apply(&brand.rules, &message.text, &mut triage);
    Ok(triage)
}

/// The message the plugin's `listen` makes of the line's raw email.
async fn listened(
    plugin: &LoadedPlugin,
    services: &Arc<dyn HostServices>,
    line: &Labelled,
) -> Result<Message, String> {
    let outcome = plugin
        .listen(services.clone(), &line.raw_email())
        .await
        .map_err(|e| format!("plugin {} refused the email: {e}", plugin.info().name))?;
    match outcome {
        ListenOutcome::Messages(messages) => messages
            .into_iter()
            .next()
            .ok_or_else(|| "the email gave no message".to_owned()),
        other => Err(format!("the email gave no message: {other:?}")),
    }
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
